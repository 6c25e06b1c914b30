import { createDeskRuntime, type DeskRuntime, type DeskRuntimeOptions } from '../../src/app/desk-runtime.js';
import { loadDeskConfig, type DeskConfig } from '../../src/config/desk-config.js';
import type { LocalDelivery } from '../../src/adapters/local/local-notifier.js';
import type { AttachmentRef, CustomerMessage } from '../../src/core/ports.js';
import type { DatabaseOptions } from '../../src/persistence/database.js';
import { ManualClock } from '../../support/manual-clock.js';
import type { StatusLogger } from '../../src/shared/outage-log.js';

export const exampleConfig = (): DeskConfig => loadDeskConfig('config/desk.example.yaml');

/** Monday 2026-11-23 10:00 in Asia/Shanghai. */
export const MONDAY_10AM_SHANGHAI = '2026-11-23T02:00:00.000Z';

export interface DeskHarness {
  runtime: DeskRuntime;
  clock: ManualClock;
  /** Delivers everything in the outbox and returns what the local platform received. */
  deliver(): Promise<LocalDelivery[]>;
  say(customerId: string, text: string, opts?: { messageId?: string; threadId?: string | null; isPrivate?: boolean; attachments?: AttachmentRef[]; channelId?: string; contact?: string }): ReturnType<DeskRuntime['desk']['receiveCustomerMessage']>;
  close(): Promise<void>;
}

let messageCounter = 0;

export async function createHarness(
  database: DatabaseOptions = { pgliteDataDir: 'memory://' },
  config: DeskConfig = exampleConfig(),
  options: { logger?: StatusLogger; runtime?: Pick<DeskRuntimeOptions, 'maxAttempts' | 'triager' | 'random' | 'evidence' | 'intakeAdmission'> } = {},
): Promise<DeskHarness> {
  const clock = new ManualClock(new Date(MONDAY_10AM_SHANGHAI));
  const runtime = await createDeskRuntime({ config, database, clock, minIntervalMs: {}, ...(options.logger ? { logger: options.logger } : {}), ...options.runtime });
  return {
    runtime,
    clock,
    async deliver() {
      const before = runtime.local.deliveries.length;
      while ((await runtime.outbox.drainOnce()).sent > 0);
      return runtime.local.deliveries.slice(before);
    },
    say(customerId, text, opts = {}) {
      const msg: CustomerMessage = {
        platform: 'local',
        messageId: opts.messageId ?? `msg-${++messageCounter}-${Date.now()}`,
        customer: { userId: customerId, displayName: customerId, contact: opts.contact ?? null },
        conversation: { channelId: opts.channelId ?? `dm-${customerId}`, threadId: opts.threadId ?? null, isPrivate: opts.isPrivate ?? true },
        text,
        attachments: opts.attachments ?? [],
        receivedAt: clock.now(),
      };
      return runtime.desk.receiveCustomerMessage(msg);
    },
    close: () => runtime.close(),
  };
}
