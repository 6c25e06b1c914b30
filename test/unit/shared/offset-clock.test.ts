import { describe, expect, it } from 'vitest';
import { OffsetClock } from '../../../src/shared/offset-clock.js';
import { ManualClock } from '../../../support/manual-clock.js';

describe('OffsetClock', () => {
  it('runs with its base clock plus everything it was moved forward', () => {
    const base = new ManualClock(new Date('2026-11-23T02:00:00Z'));
    const clock = new OffsetClock(base);
    expect(clock.advance(3_600_000).toISOString()).toBe('2026-11-23T03:00:00.000Z');
    base.advanceMinutes(5);
    expect(clock.now().toISOString()).toBe('2026-11-23T03:05:00.000Z');
  });

  it('never goes backwards', () => {
    expect(() => new OffsetClock().advance(-1)).toThrow(RangeError);
    expect(() => new OffsetClock().advance(Number.NaN)).toThrow(RangeError);
  });
});
