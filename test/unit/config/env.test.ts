import { describe, expect, it } from 'vitest';
import { loadEnv, playgroundEnabled } from '../../../src/config/env.js';

describe('environment', () => {
  it('turns the playground on outside production unless PLAYGROUND=off', () => {
    expect(playgroundEnabled(loadEnv({}))).toBe(true);
    expect(playgroundEnabled(loadEnv({ PLAYGROUND: 'off' }))).toBe(false);
    expect(playgroundEnabled(loadEnv({ NODE_ENV: 'production' }))).toBe(false);
  });

  it('refuses the playground in production, naming the variable', () => {
    expect(() => loadEnv({ NODE_ENV: 'production', PLAYGROUND: 'on' })).toThrow(/PLAYGROUND.*production/s);
  });

  it('names a bad field', () => {
    expect(() => loadEnv({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadEnv({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/);
  });
});
