import { Worker } from 'node:worker_threads';
import { z } from 'zod';
import type { NeedsHumanReason, Triager, TriageResult } from '../core/cases/triage-boundary.js';
import { TriageSchema } from '../core/triage/triage-schema.js';

/** Budget timers, injectable so tests decide when a budget runs out. */
export interface BudgetTimer {
  set(fire: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}
const realTimer: BudgetTimer = { set: (fire, ms) => setTimeout(fire, ms), clear: (h) => clearTimeout(h as NodeJS.Timeout) };

export interface TriagePoolOptions {
  /** Per-message budget: past it the thread is terminated and the message goes to a human. */
  budgetMs: number;
  /** Threads classifying side by side. A terminated one is replaced by a new thread (about 170 ms to load the classifier). */
  threads: number;
  /** The module each thread runs (default: triage-thread.ts, the real classifier). */
  module?: URL;
  timer?: BudgetTimer;
  /** Told each time a message is handed to a human, with why. */
  onNeedsHuman?: (reason: NeedsHumanReason, textLength: number) => void;
  /** Per message: the whole round trip and the classifier's share of it, in µs (for the benchmark). */
  onTimed?: (roundTripUs: number, classifyUs: number) => void;
}

// What a thread may answer: checked, since a thread is a boundary like any other.
const ReplySchema = z.union([
  z.object({ ready: z.literal(true) }),
  z.object({ id: z.number(), error: z.string() }),
  z.object({
    id: z.number(),
    us: z.number(),
    triage: TriageSchema,
  }),
]);

interface Task {
  id: number;
  text: string;
  sentAt?: number;
  resolve: (r: TriageResult) => void;
}

interface Thread {
  worker: Worker;
  ready: boolean;
  task: Task | null;
  timer: unknown;
}

const BOOT = new URL('./module-boot.mjs', import.meta.url);
/**
 * A thread's young generation capped at 8 MB: V8 sizes it from the machine's memory (up to
 * 64 MB per semi-space), and a classifier that allocates a few kB per message never needs more.
 */
const THREAD_LIMITS = { maxYoungGenerationSizeMb: 8 };
// The thread's module has this file's own extension: .ts from source, .js from the build.
const DEFAULT_MODULE = new URL(`./triage-thread${import.meta.url.slice(import.meta.url.lastIndexOf('.'))}`, import.meta.url);

/**
 * Triage off the main thread, under a time budget. `classify` is synchronous: a message that
 * makes it run long (a pathological text, a bug) would freeze the process, acknowledgements and
 * /healthz included. Here it runs on a worker thread; when the budget runs out, the thread is
 * terminated (the only way to stop synchronous code), a new thread takes its place, and the
 * message is answered "needs a human": it becomes a case of unknown category, never dropped.
 */
export class TriagePool implements Triager {
  private readonly threads: Thread[] = [];
  private readonly queue: Task[] = [];
  private readonly timer: BudgetTimer;
  private nextId = 1;
  private closed = false;
  /** Threads in a row that died before they were ready: the module cannot load, respawning would spin. */
  private bootFailures = 0;

  constructor(private readonly o: TriagePoolOptions) {
    this.timer = o.timer ?? realTimer;
    for (let i = 0; i < Math.max(1, o.threads); i++) this.threads.push(this.spawn());
  }

  /** Resolves once every thread has loaded the classifier. */
  async ready(): Promise<void> {
    await Promise.all(this.threads.map((t) => (t.ready ? null : new Promise<void>((r) => t.worker.once('message', () => r())))));
  }

  triage(text: string): Promise<TriageResult> {
    if (this.closed) return Promise.resolve({ kind: 'needs_human', reason: 'triage_failed' });
    return new Promise((resolve) => {
      this.queue.push({ id: this.nextId++, text, resolve });
      this.dispatch();
    });
  }

  private spawn(): Thread {
    const worker = new Worker(BOOT, { workerData: { module: (this.o.module ?? DEFAULT_MODULE).href }, resourceLimits: THREAD_LIMITS });
    const thread: Thread = { worker, ready: false, task: null, timer: null };
    worker.unref();
    worker.on('message', (raw: unknown) => this.onReply(thread, raw));
    worker.on('error', () => this.replace(thread, 'triage_failed'));
    worker.on('exit', () => this.replace(thread, 'triage_failed'));
    return thread;
  }

  private onReply(thread: Thread, raw: unknown): void {
    const reply = ReplySchema.safeParse(raw);
    if (!reply.success) return this.replace(thread, 'triage_failed');
    if ('ready' in reply.data) {
      thread.ready = true;
      this.bootFailures = 0;
      return this.dispatch();
    }
    const task = thread.task;
    if (!task || task.id !== reply.data.id) return;
    this.timer.clear(thread.timer);
    thread.task = null;
    if ('triage' in reply.data) {
      this.o.onTimed?.((performance.now() - (task.sentAt ?? 0)) * 1000, reply.data.us);
      task.resolve({ kind: 'triaged', triage: reply.data.triage });
    } else task.resolve(this.needsHuman('triage_failed', task));
    this.dispatch();
  }

  private needsHuman(reason: NeedsHumanReason, task: Task): TriageResult {
    this.o.onNeedsHuman?.(reason, task.text.length);
    return { kind: 'needs_human', reason };
  }

  /**
   * The thread is stuck or gone: its message goes to a human and a new thread takes its place;
   * messages queued meanwhile wait for it to load. No spare is kept warm: one would cost a
   * whole classifier's memory (about 50 MB) at all times to save 170 ms after a rare event.
   */
  private replace(thread: Thread, reason: NeedsHumanReason): void {
    const at = this.threads.indexOf(thread);
    if (at < 0) return;
    this.timer.clear(thread.timer);
    const task = thread.task;
    thread.task = null;
    this.threads.splice(at, 1);
    thread.worker.removeAllListeners();
    thread.worker.on('error', () => {});
    void thread.worker.terminate();
    if (task) task.resolve(this.needsHuman(reason, task));
    if (!thread.ready && ++this.bootFailures >= 3) {
      // Never a silent drop: every message goes to a human until the process is fixed.
      void this.close();
      return;
    }
    if (this.closed) return;
    this.threads.push(this.spawn());
    this.dispatch();
  }

  private dispatch(): void {
    for (const thread of this.threads) {
      if (this.queue.length === 0) return;
      if (!thread.ready || thread.task) continue;
      const task = this.queue.shift()!;
      thread.task = task;
      // The budget starts when the thread has the message, not while it waits in the queue.
      thread.timer = this.timer.set(() => {
        if (thread.task === task) this.replace(thread, 'triage_timeout');
      }, this.o.budgetMs);
      if (this.o.onTimed) task.sentAt = performance.now();
      thread.worker.postMessage({ id: task.id, text: task.text });
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const t of this.queue.splice(0)) t.resolve({ kind: 'needs_human', reason: 'triage_failed' });
    const all = this.threads.splice(0);
    for (const t of all) {
      this.timer.clear(t.timer);
      t.task?.resolve({ kind: 'needs_human', reason: 'triage_failed' });
      t.worker.removeAllListeners();
    }
    await Promise.all(all.map((t) => t.worker.terminate()));
  }
}
