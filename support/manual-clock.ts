import type { Clock } from '../src/core/ports.js';

/** A clock tests move by hand: no sleeping for timing. */
export class ManualClock implements Clock {
  constructor(private current: Date) {}
  now(): Date {
    return new Date(this.current);
  }
  set(at: Date | string): void {
    this.current = new Date(at);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
  advanceMinutes(m: number): void {
    this.advance(m * 60_000);
  }
  advanceHours(h: number): void {
    this.advance(h * 3_600_000);
  }
}
