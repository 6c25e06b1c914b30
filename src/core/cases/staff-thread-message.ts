import type { DeskContext } from './desk-settings.js';
import type { Actor, StaffCommand } from '../ports.js';
import { addInternalNote, replyToCustomer } from './staff-actions.js';

/**
 * A staff member's message in a case card's thread, as an adapter saw it. `addressedToBot`:
 * the message starts with an @-mention of the bot, checked against the bot's known id (an
 * adapter that does not know its own id yet says false); `text` has that mention removed.
 */
export interface StaffThreadMessage {
  text: string;
  addressedToBot: boolean;
}

// The reply keyword right after the mention: "@Complaint Desk reply …", "@Complaint Desk 回复：…".
const REPLY = /^(?:reply|回复|回覆)(?:\s*[:：,，]\s*|\s+)([\s\S]+)$/i;

/**
 * What the thread message is. Staff text reaches a customer only through an explicit action:
 * the Reply-to-customer form, or an @-mention of the bot immediately followed by the reply
 * keyword. Everything else — "reply" without the mention, a mention without the keyword — is
 * an internal note, whatever the platform or the bot's state.
 */
export function readStaffThreadMessage(m: StaffThreadMessage): { kind: 'reply' | 'note'; text: string } {
  const text = m.text.trim();
  const reply = m.addressedToBot ? REPLY.exec(text) : null;
  return reply ? { kind: 'reply', text: reply[1]!.trim() } : { kind: 'note', text };
}

export async function handleStaffThreadMessage(ctx: DeskContext, actor: Actor, caseId: string, m: StaffThreadMessage, cmd: StaffCommand = {}): Promise<'reply' | 'note'> {
  const read = readStaffThreadMessage(m);
  if (read.kind === 'reply') await replyToCustomer(ctx, actor, caseId, read.text, cmd);
  else await addInternalNote(ctx, actor, caseId, read.text, cmd);
  return read.kind;
}
