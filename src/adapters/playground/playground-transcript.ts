import type { LocalDelivery, LocalNotifier } from '../local/local-notifier.js';
import type { Clock } from '../../core/ports.js';
import type { AnsweredCard } from '../../core/templates/customer-answers.js';
import type { CaseView } from '../../core/cases/case-view.js';
import type { Language } from '../../core/triage/index.js';

/** A line in one of the playground's panes: what the bot delivered, or what the customer typed. */
export type TranscriptLine = Omit<LocalDelivery, 'kind' | 'card'> & {
  kind: LocalDelivery['kind'] | 'customer_said';
  at: string;
  card?: CaseView & { statusLabel: string };
  attachmentNames?: string[];
  /** What the customer wrote in, when the text says (a customer line only). */
  language?: Language;
  /** The customer answered this line's buttons: what it shows instead of them. */
  answered?: AnsweredCard;
};

const KEEP = 5_000;

/**
 * The playground's chat history since start-up, in delivery order. Deliveries come from the
 * local notifier (the same outbox path as Slack and Teams); the customer's own lines are added
 * here, because on a real platform the customer's client shows those, not the bot.
 */
export class PlaygroundTranscript {
  private readonly lines: TranscriptLine[] = [];
  private seq = 0;

  constructor(
    local: LocalNotifier,
    private readonly clock: Clock,
  ) {
    local.onDelivery((d) => {
      const { card, seq: _localSeq, ...rest } = d;
      this.push({ ...rest, ...(card ? { card: { ...card, statusLabel: card.words.status } } : {}) });
    });
  }

  customerSaid(channelId: string, text: string, attachmentNames: string[], language?: Language): void {
    this.push({ audience: `customer:${channelId}`, kind: 'customer_said', caseId: null, text, attachmentNames, ...(language ? { language } : {}) });
  }

  /** The customer answered the buttons of line `seq` (theirs only): it shows the answer, its buttons are gone. */
  answered(seq: number, audience: string, card: AnsweredCard): void {
    const line = this.lines.find((l) => l.seq === seq);
    if (!line || line.audience !== audience || !line.actions) return;
    delete line.actions;
    line.answered = card;
  }

  after(seq: number): { last: number; lines: TranscriptLine[] } {
    const from = this.lines.findIndex((l) => l.seq > seq);
    return { last: this.seq, lines: from < 0 ? [] : this.lines.slice(from) };
  }

  private push(line: Omit<TranscriptLine, 'seq' | 'at'>): void {
    this.lines.push({ ...line, seq: ++this.seq, at: this.clock.now().toISOString() });
    // A long-running playground keeps the recent past; the case pages hold the full record.
    if (this.lines.length > KEEP) this.lines.splice(0, this.lines.length - KEEP);
  }
}
