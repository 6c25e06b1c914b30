import { afterAll, beforeAll } from 'vitest';

/**
 * Starts a fixture in the enclosing describe's beforeAll and closes it in its afterAll. The
 * object returned stands for the fixture from then on; touching it before beforeAll ran
 * (at collection time) throws instead of handing out undefined.
 */
export function startedForSuite<T extends { close(): Promise<void> }>(name: string, start: () => Promise<T>, timeoutMs?: number): T {
  let current: T | undefined;
  beforeAll(async () => {
    current = await start();
  }, timeoutMs);
  afterAll(async () => {
    await current?.close();
  });
  return new Proxy({} as T, {
    get(_target, key) {
      if (!current) throw new Error(`${name} used before its beforeAll ran (reading ${String(key)})`);
      return Reflect.get(current, key) as unknown;
    },
  });
}
