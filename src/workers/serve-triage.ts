import { parentPort } from 'node:worker_threads';
import type { Triage } from '../core/triage/index.js';

export type TriageRequest = { id: number; text: string };
/** `us`: time the classifier took in the thread, so the pool's own cost can be told apart. */
export type TriageReply = { id: number; triage: Triage; us: number } | { id: number; error: string } | { ready: true };

/**
 * The body of a triage thread: answers each request with `classify`'s result. Warmed up
 * before it says it is ready, so a message's budget never pays for loading the lexicons.
 */
export function serveTriage(run: (text: string) => Triage): void {
  const port = parentPort;
  if (!port) throw new Error('triage-thread runs in a worker thread');
  run('warm-up: my order 12345678 arrived broken, refund please');
  port.on('message', ({ id, text }: TriageRequest) => {
    let reply: TriageReply;
    try {
      const start = performance.now();
      const triage = run(text);
      reply = { id, triage, us: (performance.now() - start) * 1000 };
    } catch (err) {
      reply = { id, error: String((err as Error)?.message ?? err) };
    }
    port.postMessage(reply);
  });
  port.postMessage({ ready: true } satisfies TriageReply);
}

