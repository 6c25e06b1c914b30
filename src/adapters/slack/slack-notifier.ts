import type { WebClient } from '@slack/web-api';
import type { StaffCaseCard } from '../../core/desk.js';
import { DeskError } from '../../core/errors.js';
import { RateLimitedError, type Actor, type CardLocationStore, type Notifier, type OutboundIntent } from '../../core/ports.js';
import { caseCardBlocks, movedCardBlocks, staffActionsBlocks } from './blocks/case-card.blocks.js';
import { customerMessageBlocks } from './blocks/customer-blocks.js';
import { escapeMrkdwn } from './blocks/escape-mrkdwn.js';

interface SlackNotifierDeps {
  client: WebClient;
  cards: CardLocationStore;
  /** The card as the department channel shows it to everyone (Desk.departmentCaseCard). */
  departmentCard: (caseId: string) => Promise<StaffCaseCard>;
  /** The card as one person sees it (Desk.caseCardFor): for a message to them alone. */
  cardFor: (actor: Actor, caseId: string) => Promise<StaffCaseCard>;
  botUserId: () => string | undefined;
  /** A signed link to a stored evidence file (served by the bot's own HTTP server). */
  evidenceLink?: (storedFileId: string) => string;
}

/** WebClient errors carry a code; the rate-limit one also says how long Slack wants us to wait. */
function translate(err: unknown): never {
  const e = err as { code?: string; retryAfter?: number; data?: { error?: string } };
  if (e?.code === 'slack_webapi_rate_limited_error') throw new RateLimitedError(Math.max(1, e.retryAfter ?? 1) * 1000);
  throw err;
}

/**
 * Delivers the core's intents to Slack. The WebClient rejects rate-limited calls instead of
 * pausing its whole queue, so the outbox reschedules just that channel after Retry-After.
 */
export class SlackNotifier implements Notifier {
  readonly platform = 'slack' as const;
  private readonly dmChannels = new Map<string, string>();

  constructor(private readonly d: SlackNotifierDeps) {}

  async deliver(intent: OutboundIntent): Promise<void> {
    try {
      await this.send(intent);
    } catch (err) {
      translate(err);
    }
  }

  private async send(intent: OutboundIntent): Promise<void> {
    const { client } = this.d;
    switch (intent.type) {
      case 'customer_message': {
        const blocks = customerMessageBlocks(intent.text, intent.actions, intent.caseId);
        await client.chat.postMessage({
          channel: intent.channelId,
          text: intent.text,
          ...(intent.threadId ? { thread_ts: intent.threadId } : {}),
          ...(blocks ? { blocks } : {}),
        });
        return;
      }
      case 'case_card': {
        const { view, actions } = await this.d.departmentCard(intent.caseId);
        const { text, blocks } = caseCardBlocks(view, actions, this.d.botUserId(), this.d.evidenceLink);
        const posted = await this.d.cards.get(intent.caseId, 'slack');
        if (posted && posted.channelId === intent.channelId) {
          await client.chat.update({ channel: posted.channelId, ts: posted.messageId, text, blocks });
          return;
        }
        // The case moved department: the old card says where it went; the new department gets its own card.
        if (posted) await client.chat.update({ channel: posted.channelId, ts: posted.messageId, ...movedCardBlocks(view) });
        const res = await client.chat.postMessage({ channel: intent.channelId, text, blocks });
        if (!res.ts) throw new Error('chat.postMessage returned no ts for the case card');
        await this.d.cards.save(intent.caseId, 'slack', res.channel ?? intent.channelId, res.ts);
        return;
      }
      case 'card_note': {
        const posted = await this.d.cards.get(intent.caseId, 'slack');
        // Staff-facing posts quote the customer (already masked); their markup stays inert.
        await client.chat.postMessage({
          channel: posted?.channelId ?? intent.channelId,
          text: escapeMrkdwn(intent.text),
          ...(posted ? { thread_ts: posted.messageId } : {}),
        });
        return;
      }
      case 'direct_message': {
        let channel = this.dmChannels.get(intent.userId);
        if (!channel) {
          const opened = await client.conversations.open({ users: intent.userId });
          channel = opened.channel?.id ?? intent.userId;
          this.dmChannels.set(intent.userId, channel);
        }
        await client.chat.postMessage({ channel, ...(await this.directMessage(intent.userId, intent.caseId, intent.text)) });
        return;
      }
      case 'channel_message': {
        if (intent.attachment) {
          await client.filesUploadV2({
            channel_id: intent.channelId,
            initial_comment: escapeMrkdwn(intent.text),
            filename: intent.attachment.fileName,
            title: intent.attachment.title ?? intent.attachment.fileName,
            file: Buffer.from(intent.attachment.contentBase64, 'base64'),
          });
          return;
        }
        await client.chat.postMessage({ channel: intent.channelId, text: escapeMrkdwn(intent.text) });
        return;
      }
    }
  }

  /**
   * A message to one person about a case (a nudge to the owner, an escalation to a supervisor)
   * carries the buttons for what that person may do on it now; a customer, or someone who may
   * do nothing, gets the text alone.
   */
  private async directMessage(userId: string, caseId: string | null, text: string): Promise<{ text: string; blocks?: unknown[] }> {
    const plain = { text: escapeMrkdwn(text) };
    if (!caseId) return plain;
    // A case gone since (retention) leaves the text: the message must not wait on it. A store failure is retried.
    const card = await this.d.cardFor({ platform: 'slack', userId }, caseId).catch((err: unknown) => {
      if (err instanceof DeskError) return null;
      throw err;
    });
    if (!card || card.actions.length === 0) return plain;
    return staffActionsBlocks(card.view, card.actions, text);
  }
}
