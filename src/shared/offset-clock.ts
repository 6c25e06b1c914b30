import type { Clock } from '../core/ports.js';

/**
 * Real time plus an offset that only grows. The playground's developer mode moves it forward
 * to watch 24-hour nudges and escalations happen; production uses the system clock.
 */
export class OffsetClock implements Clock {
  private offsetMs = 0;

  constructor(private readonly base: Clock = { now: () => new Date() }) {}

  now(): Date {
    return new Date(this.base.now().getTime() + this.offsetMs);
  }

  advance(ms: number): Date {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError('the clock only moves forward');
    this.offsetMs += ms;
    return this.now();
  }

  get offset(): number {
    return this.offsetMs;
  }
}
