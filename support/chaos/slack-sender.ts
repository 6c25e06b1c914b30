import { Agent, request } from 'node:http';
import { slackSignatureHeaders } from '../slack-signing.js';
import { slackEventBody, type ChaosMessage, type PlannedDelivery } from './scenario.js';

/** Slack sends an event at most four times: the original and three retries. */
export const MAX_DELIVERIES = 4;
/** Slack counts a delivery as failed when no 2xx arrives within 3 s. */
const ACK_TIMEOUT_MS = 3000;

export interface DeliveryLog {
  /** Every HTTP attempt made, planned or retried. */
  deliveries: number;
  byStatus: Record<string, number>;
  /** event_id of every message that got at least one 2xx: these must not be lost. */
  acknowledged: Set<string>;
  /** Messages Slack gave up on after four unacknowledged deliveries. */
  givenUp: Set<string>;
}

export interface SlackSenderOptions {
  secret: string;
  /** Where a delivery goes: the balancer for `replica: null`, else that replica's own URL. */
  urlFor: (replica: number | null) => string;
  /** Deliveries started per second (open loop, like Slack's fan-out). */
  rate: number;
  /** Delay before a retry of an unacknowledged message; Slack waits longer, the run cannot. */
  retryDelayMs: number;
  /** Called after each delivery is started (for the kill phase); a returned promise pauses the load until it settles. */
  onProgress?: (started: number, total: number) => void | Promise<void>;
}

/**
 * Sends the planned deliveries the way Slack's Events API does: signed, with
 * x-slack-retry-num/-reason on every delivery after the first, and with retries of its own
 * (up to four deliveries in all) for any message that has not been acknowledged yet.
 */
export async function deliverLikeSlack(plan: PlannedDelivery[], o: SlackSenderOptions): Promise<DeliveryLog> {
  const log: DeliveryLog = { deliveries: 0, byStatus: {}, acknowledged: new Set(), givenUp: new Set() };
  const attempts = new Map<string, number>();
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const remainingPlanned = new Map<string, number>();
  for (const d of plan) remainingPlanned.set(d.message.eventId, (remainingPlanned.get(d.message.eventId) ?? 0) + 1);

  const sendOnce = async (m: ChaosMessage, replica: number | null): Promise<boolean> => {
    const retryNum = attempts.get(m.eventId) ?? 0;
    attempts.set(m.eventId, retryNum + 1);
    log.deliveries++;
    const status = await post(o.urlFor(replica), slackEventBody(m), o.secret, retryNum, agent);
    log.byStatus[status] = (log.byStatus[status] ?? 0) + 1;
    const ok = typeof status === 'number' && status >= 200 && status < 300;
    if (ok) log.acknowledged.add(m.eventId);
    return ok;
  };

  // Slack's own retries: after the planned copies of a message are out, keep delivering it
  // (to the balancer) until it is acknowledged or four deliveries have been made.
  const retryUntilAcked = async (m: ChaosMessage): Promise<void> => {
    while (!log.acknowledged.has(m.eventId) && (attempts.get(m.eventId) ?? 0) < MAX_DELIVERIES) {
      await new Promise((r) => setTimeout(r, o.retryDelayMs));
      await sendOnce(m, null);
    }
  };
  const plannedCopyDone = (m: ChaosMessage): Promise<void> => {
    const left = remainingPlanned.get(m.eventId)! - 1;
    remainingPlanned.set(m.eventId, left);
    return left === 0 ? retryUntilAcked(m) : Promise.resolve();
  };

  const inflight: Promise<void>[] = [];
  let started = performance.now();
  for (let i = 0; i < plan.length; i++) {
    const wait = started + (i * 1000) / o.rate - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    const d = plan[i]!;
    // A planned copy beyond the fourth delivery is one Slack would not send.
    const send = (attempts.get(d.message.eventId) ?? 0) >= MAX_DELIVERIES ? Promise.resolve(false) : sendOnce(d.message, d.replica);
    inflight.push(send.then(() => plannedCopyDone(d.message)));
    const pause = o.onProgress?.(i + 1, plan.length);
    if (pause) {
      const pausedAt = performance.now();
      await pause;
      started += performance.now() - pausedAt;
    }
  }
  await Promise.all(inflight);
  for (const d of plan) if (!log.acknowledged.has(d.message.eventId)) log.givenUp.add(d.message.eventId);
  agent.destroy();
  return log;
}

function post(url: string, body: string, secret: string, retryNum: number, agent: Agent): Promise<number | 'timeout' | 'error'> {
  const target = new URL(url);
  const headers: Record<string, string | number> = {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
    ...slackSignatureHeaders(secret, body),
    ...(retryNum > 0 ? { 'x-slack-retry-num': retryNum, 'x-slack-retry-reason': retryNum % 2 ? 'http_timeout' : 'http_error' } : {}),
  };
  return new Promise((resolve) => {
    const req = request({ host: target.hostname, port: target.port, path: '/slack/events', method: 'POST', headers, agent, timeout: ACK_TIMEOUT_MS }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', () => resolve('error'));
    });
    req.on('timeout', () => {
      req.destroy();
      resolve('timeout');
    });
    req.on('error', () => resolve('error'));
    req.end(body);
  });
}
