import type { AdvanceClock } from '../adapters/playground/playground-routes.js';
import type { SlaScheduler } from '../scheduler/sla-scheduler.js';
import type { OffsetClock } from '../shared/offset-clock.js';

/** Developer mode: moves the desk clock and takes every SLA step that fell due in the skipped time. */
export function playgroundClock(devClock: OffsetClock, scheduler: SlaScheduler): AdvanceClock {
  return async (minutes) => {
    const now = devClock.advance(minutes * 60_000);
    return { now, tick: await scheduler.tick(now) };
  };
}
