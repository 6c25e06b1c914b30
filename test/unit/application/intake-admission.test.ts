// Issue 17: no acknowledgement waits on a saturated store. The single intake path refuses at once
// past the bound on stores in progress, and when a store outlasts the acknowledgement budget;
// a store that finishes late is kept and worked on, so the platform's retry is a duplicate.
import { describe, expect, it } from 'vitest';
import { DeskApplication, type DeskApplicationDeps } from '../../../src/application/desk-application.js';
import { IntakeAdmission, type BudgetTimer } from '../../../src/application/intake-admission.js';
import { IntakeUnavailableError } from '../../../src/application/intake-unavailable.js';
import { OutageLog } from '../../../src/shared/outage-log.js';
import type { CustomerMessage, InboundInbox } from '../../../src/core/ports.js';
import { DeskMetrics } from '../../../src/observability/metrics.js';

/** An inbox whose stores finish when the test says so. */
class HeldInbox implements InboundInbox {
  readonly calls: { message: CustomerMessage; finish: (o: 'accepted' | 'duplicate') => void; fail: (e: Error) => void }[] = [];
  accept(message: CustomerMessage): Promise<'accepted' | 'duplicate'> {
    return new Promise((finish, fail) => this.calls.push({ message, finish, fail }));
  }
}

/** A budget timer the test fires by hand. */
class ManualTimer implements BudgetTimer {
  readonly running = new Set<() => void>();
  start(_ms: number, onExpiry: () => void): () => void {
    this.running.add(onExpiry);
    return () => this.running.delete(onExpiry);
  }
  expireAll(): void {
    for (const f of [...this.running]) {
      this.running.delete(f);
      f();
    }
  }
}

const message = (n: number): CustomerMessage => ({
  platform: 'slack',
  messageId: `D1:${n}`,
  customer: { userId: `U${n}`, displayName: 'Customer' },
  conversation: { channelId: 'D1', threadId: null },
  text: 'My parcel never arrived',
  attachments: [],
});

function application(limits: { maxPending: number; ackBudgetMs: number }) {
  const inbox = new HeldInbox();
  const timer = new ManualTimer();
  const logged: string[] = [];
  let stored = 0;
  const metrics = new DeskMetrics({ outbox: async () => 0, inbox: async () => 0 }, false);
  const deps = {
    inbox,
    onMessageStored: () => stored++,
    metrics,
    intakeOutage: new OutageLog({ info: (_o: unknown, m: string) => logged.push(m), warn: (_o: unknown, m: string) => logged.push(m), error: (_o: unknown, m: string) => logged.push(m) } as never, 'intake', 'refusing'),
    admission: new IntakeAdmission(limits, timer),
  } as unknown as DeskApplicationDeps;
  return { app: new DeskApplication(deps), inbox, timer, logged, metrics, stored: () => stored };
}

const flush = () => new Promise((r) => setImmediate(r));

describe('intake admission (the single intake path)', () => {
  it('refuses at once, without touching the store, when too many stores are in progress', async () => {
    const { app, inbox } = application({ maxPending: 2, ackBudgetMs: 800 });
    const first = app.acceptCustomerMessage(message(1));
    const second = app.acceptCustomerMessage(message(2));
    await expect(app.acceptCustomerMessage(message(3))).rejects.toBeInstanceOf(IntakeUnavailableError);
    expect(inbox.calls).toHaveLength(2);
    inbox.calls[0]!.finish('accepted');
    inbox.calls[1]!.finish('accepted');
    await expect(Promise.all([first, second])).resolves.toEqual(['accepted', 'accepted']);
    // Room again: the next one is admitted.
    const fourth = app.acceptCustomerMessage(message(4));
    inbox.calls[2]!.finish('accepted');
    await expect(fourth).resolves.toBe('accepted');
  });

  it('refuses when the store outlasts the acknowledgement budget, and keeps what it stores late', async () => {
    const { app, inbox, timer, stored, logged } = application({ maxPending: 10, ackBudgetMs: 800 });
    const slow = app.acceptCustomerMessage(message(1));
    await flush();
    timer.expireAll();
    await expect(slow).rejects.toBeInstanceOf(IntakeUnavailableError);
    expect(stored()).toBe(0);
    inbox.calls[0]!.finish('accepted');
    await flush();
    expect(stored()).toBe(1); // the inbox worker is woken for the message the late store kept
    expect(logged).toEqual([]); // shedding is counted, not reported as an outage
  });

  it('still reports a store that fails within the budget as an outage', async () => {
    const { app, inbox, logged } = application({ maxPending: 10, ackBudgetMs: 800 });
    const failing = app.acceptCustomerMessage(message(1));
    await flush();
    inbox.calls[0]!.fail(new Error('connection refused'));
    await expect(failing).rejects.toBeInstanceOf(IntakeUnavailableError);
    expect(logged.length).toBe(1);
  });
});
