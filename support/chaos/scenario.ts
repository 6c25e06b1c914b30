/**
 * What the customers say and how Slack delivers it. Everything here is derived from one seed,
 * so a failing run can be replayed exactly with CHAOS_SEED.
 */
import { seededRandom } from '../../src/core/seeded-random.js';

const pick = <T>(rng: () => number, items: readonly T[]): T => items[Math.floor(rng() * items.length)]!;
const between = (rng: () => number, min: number, max: number) => min + Math.floor(rng() * (max - min + 1));

export interface SlackFileRef {
  id: string;
  name: string;
  mimetype: string;
  url_private: string;
}

/** One message a customer writes in their DM with the bot. */
export interface ChaosMessage {
  /** Slack event_id: the same on every delivery of this message. */
  eventId: string;
  customer: number;
  userId: string;
  channel: string;
  ts: string;
  /** The complaint's ts for follow-ups in its thread; absent on the complaint itself. */
  threadTs?: string;
  text: string;
  files: SlackFileRef[];
  kind: 'complaint' | 'photo' | 'contact' | 'photo_and_contact' | 'note';
}

export interface ChaosCustomer {
  index: number;
  userId: string;
  channel: string;
  messages: ChaosMessage[];
}

// All of these are product complaints with an order number: the desk then asks for a photo
// (and a contact), which the follow-ups provide.
const COMPLAINTS = [
  '我买的电水壶漏水了，订单号 {order}，希望换一个新的',
  '新买的电饭煲内胆掉漆，订单号 {order}，要求换货',
  'The blender I bought is broken, order {order}, I want a replacement',
  '收到的台灯灯罩裂开了，订单号 {order}，请给我换一个',
];
const NOTES = ['壶底也有一道裂缝', '已经用了不到一周', '包装看起来是完好的', 'It stopped working after two days'];

/** Customers with a complaint and 1–4 follow-ups in the complaint's thread, photo and contact among them. */
export function buildScenario(customers: number, seed: number, runTag: string): ChaosCustomer[] {
  const rng = seededRandom(seed);
  // Slack ts values are seconds.micros; a per-run base keeps reruns on one database apart.
  const baseSeconds = 1_790_000_000 + (seed % 100_000) * 10;
  return Array.from({ length: customers }, (_, index) => {
    const userId = `UCHAOS${runTag}${index}`;
    const channel = `DCHAOS${runTag}${index}`;
    const order = `2026${String(between(rng, 1101, 1130))}-${String(between(rng, 1000, 9999))}`;
    const phone = `139${String(between(rng, 10_000_000, 99_999_999))}`;
    const photo = (n: number): SlackFileRef => ({
      id: `F${runTag}C${index}P${n}`,
      name: `problem-${index}-${n}.jpg`,
      mimetype: 'image/jpeg',
      url_private: `https://files.slack.com/files-pri/T0CHAOS-F${index}${n}/problem.jpg`,
    });
    const followUps = between(rng, 1, 4);
    const kinds: ChaosMessage['kind'][] =
      followUps === 1 ? ['photo_and_contact'] : ['photo', 'contact', ...Array.from({ length: followUps - 2 }, (): ChaosMessage['kind'] => 'note')];
    // The customer may send the contact before the photo, notes anywhere.
    for (let i = kinds.length - 1; i > 0; i--) {
      const j = Math.floor(rng() * (i + 1));
      [kinds[i], kinds[j]] = [kinds[j]!, kinds[i]!];
    }
    const messages: ChaosMessage[] = [];
    const ts = (n: number) => `${baseSeconds + index}.${String(n * 1000 + 1).padStart(6, '0')}`;
    const rootTs = ts(0);
    const message = (n: number, kind: ChaosMessage['kind'], text: string, files: SlackFileRef[]): ChaosMessage => ({
      eventId: `Ev${runTag}C${index}M${n}`,
      customer: index,
      userId,
      channel,
      ts: ts(n),
      ...(n > 0 ? { threadTs: rootTs } : {}),
      text,
      files,
      kind,
    });
    messages.push(message(0, 'complaint', pick(rng, COMPLAINTS).replace('{order}', order), []));
    kinds.forEach((kind, i) => {
      const n = i + 1;
      if (kind === 'photo') messages.push(message(n, kind, '您好，照片见附件', [photo(n)]));
      else if (kind === 'contact') messages.push(message(n, kind, `方便的话打我手机 ${phone}`, []));
      else if (kind === 'photo_and_contact') messages.push(message(n, kind, `照片发你了，手机 ${phone}`, [photo(n)]));
      else messages.push(message(n, kind, pick(rng, NOTES), []));
    });
    return { index, userId, channel, messages };
  });
}

/** The Events API envelope for one message, as Slack posts it to the Request URL. */
export function slackEventBody(m: ChaosMessage): string {
  return JSON.stringify({
    token: 'legacy-verification-token',
    team_id: 'T0CHAOS',
    api_app_id: 'A0CHAOS',
    type: 'event_callback',
    event_id: m.eventId,
    event_time: Math.floor(Number(m.ts)),
    authorizations: [{ team_id: 'T0CHAOS', user_id: 'U0BOT', is_bot: true }],
    event: {
      type: 'message',
      ...(m.files.length ? { subtype: 'file_share', files: m.files } : {}),
      channel_type: 'im',
      channel: m.channel,
      user: m.userId,
      text: m.text,
      ts: m.ts,
      ...(m.threadTs ? { thread_ts: m.threadTs, parent_user_id: m.userId } : {}),
      event_ts: m.ts,
    },
  });
}

/** One planned delivery; Slack adds more on its own when a delivery is not acknowledged. */
export interface PlannedDelivery {
  message: ChaosMessage;
  /** null: through the load balancer; a number: straight to that replica (a second ingress path). */
  replica: number | null;
}

/**
 * Each message is delivered 1–4 times up front (the original plus retries Slack sends when an
 * ack is slow), then the whole list is shuffled within a sliding window so a customer's
 * follow-ups can arrive before their complaint and retries before originals.
 */
export function planDeliveries(customers: ChaosCustomer[], seed: number, replicas: number, window = 16): PlannedDelivery[] {
  const rng = seededRandom(seed ^ 0x5eed);
  const plan: PlannedDelivery[] = [];
  for (const c of customers)
    for (const m of c.messages) {
      const copies = between(rng, 1, 4);
      for (let i = 0; i < copies; i++) plan.push({ message: m, replica: i > 0 && rng() < 0.3 ? between(rng, 0, replicas - 1) : null });
    }
  for (let start = 0; start < plan.length; start += Math.floor(window / 2)) {
    const end = Math.min(plan.length, start + window);
    for (let i = end - 1; i > start; i--) {
      const j = start + Math.floor(rng() * (i - start + 1));
      [plan[i], plan[j]] = [plan[j]!, plan[i]!];
    }
  }
  return plan;
}
