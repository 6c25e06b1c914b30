import { movedNotice, type CaseView } from '../../core/cases/case-view.js';
import type { CustomerActions, Notifier, OutboundAttachment, OutboundIntent } from '../../core/ports.js';

/** One thing a party saw in the local adapter: a chat line, or a case card posted or updated. */
export interface LocalDelivery {
  seq: number;
  /** "customer:<channel>", "channel:<channel>", "dm:<user>" */
  audience: string;
  kind: 'message' | 'card_posted' | 'card_updated' | 'card_note' | 'card_moved';
  caseId: string | null;
  text: string;
  card?: CaseView;
  actions?: CustomerActions;
  attachment?: OutboundAttachment;
}

/**
 * The in-process platform: what would be posted to Slack or Teams is kept in a list (and
 * handed to listeners), for tests, the scripted demo and the playground.
 */
export class LocalNotifier implements Notifier {
  readonly platform = 'local' as const;
  readonly deliveries: LocalDelivery[] = [];
  private readonly listeners = new Set<(d: LocalDelivery) => void>();
  /** The channel each case's card was posted in. */
  private readonly postedCards = new Map<string, string>();
  private seq = 0;

  constructor(private readonly loadCard: (caseId: string) => Promise<CaseView>) {}

  onDelivery(listener: (d: LocalDelivery) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async deliver(intent: OutboundIntent): Promise<void> {
    switch (intent.type) {
      case 'customer_message':
        return this.record({ audience: `customer:${intent.channelId}`, kind: 'message', caseId: intent.caseId, text: intent.text, ...(intent.actions ? { actions: intent.actions } : {}) });
      case 'case_card': {
        const card = await this.loadCard(intent.caseId);
        const postedIn = this.postedCards.get(intent.caseId);
        // The case moved department: the old card says where it went, the new department gets a card of its own.
        if (postedIn && postedIn !== intent.channelId) this.record({ audience: `channel:${postedIn}`, kind: 'card_moved', caseId: intent.caseId, text: movedNotice(card, 'local') });
        this.postedCards.set(intent.caseId, intent.channelId);
        return this.record({ audience: `channel:${intent.channelId}`, kind: postedIn === intent.channelId ? 'card_updated' : 'card_posted', caseId: intent.caseId, text: `[card ${card.number}] ${card.status}`, card });
      }
      case 'card_note':
        return this.record({ audience: `channel:${intent.channelId}`, kind: 'card_note', caseId: intent.caseId, text: intent.text });
      case 'direct_message':
        return this.record({ audience: `dm:${intent.userId}`, kind: 'message', caseId: intent.caseId, text: intent.text });
      case 'channel_message':
        return this.record({ audience: `channel:${intent.channelId}`, kind: 'message', caseId: intent.caseId, text: intent.text, ...(intent.attachment ? { attachment: intent.attachment } : {}) });
    }
  }

  private record(d: Omit<LocalDelivery, 'seq'>): void {
    const delivery = { seq: ++this.seq, ...d };
    this.deliveries.push(delivery);
    for (const l of this.listeners) l(delivery);
  }
}
