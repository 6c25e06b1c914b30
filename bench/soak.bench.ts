/**
 * Soak: the bot on PGlite in its default layout (the database in its own child process) takes
 * a steady 50 messages/s for SOAK_SECONDS (default 600) from a separate load-generator process,
 * one process per minute so each minute gets its own ack p99. Prints the RSS of the bot and of
 * its database process at start, every minute and at the end, then "memory flat" when both end
 * figures are within 15 % of the one-minute mark. Bounded: rate × seconds messages, loopback only.
 *   npm run bench -- soak            (SOAK_SECONDS=60 SOAK_RATE=50)
 */
import { rmSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { FakeSlackApi } from '../support/fake-slack-api.js';
import { ackedPerSecond, memoryOfBot, runLoad, startBot, stopBot } from './shared/bench-processes.js';
import { freePort } from '../support/free-port.js';

const SECONDS = Number(process.env.SOAK_SECONDS ?? 600);
const RATE = Number(process.env.SOAK_RATE ?? 50);
const SECRET = 'soak-secret';
/** Growth allowed between the one-minute mark (caches warm, pools full) and the end. */
const FLAT_WITHIN = 0.15;

export interface SoakSample {
  label: string;
  botMb: number;
  databaseMb: number;
  ackedPerSecond?: number;
  p99?: number;
  statuses?: Record<string, number>;
}

const mb = (n: number) => `${n.toFixed(0).padStart(4)} MB`;
function printSample(s: SoakSample): void {
  const load = s.p99 === undefined ? '' : `  acked ${s.ackedPerSecond!.toFixed(0)}/s  ack p99 ${s.p99.toFixed(1).padStart(6)} ms  ${JSON.stringify(s.statuses)}`;
  console.log(`soak ${s.label.padEnd(9)} rss bot ${mb(s.botMb)}  database process ${mb(s.databaseMb)}${load}`);
}

export async function runSoakBench(): Promise<SoakSample[]> {
  const api = new FakeSlackApi();
  const apiUrl = await api.start();
  const dataDir = `/tmp/desk-soak-pglite-${process.pid}`;
  const port = await freePort();
  const bot = await startBot(port, { SLACK_BOT_TOKEN: 'xoxb-soak', SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: apiUrl, PGLITE_DATA_DIR: dataDir, LOG_LEVEL: 'warn' });
  const samples: SoakSample[] = [];
  try {
    console.log(`soak: the bot on PGlite (own database process, scheduler on) at ${RATE} messages/s for ${SECONDS} s; a shared machine, so latencies are noisy`);
    const start = { label: 'start', ...toSample(memoryOfBot(bot)) };
    samples.push(start);
    printSample(start);
    const url = `http://127.0.0.1:${port}/slack/events`;
    for (let done = 0, minute = 1; done < SECONDS; minute++) {
      const seconds = Math.min(60, SECONDS - done);
      const r = await runLoad([url], RATE, seconds, SECRET);
      done += seconds;
      const sample = { label: done >= SECONDS ? 'end' : `minute ${minute}`, ...toSample(memoryOfBot(bot)), ackedPerSecond: ackedPerSecond(r), p99: r.p99, statuses: r.statuses };
      samples.push(sample);
      printSample(sample);
    }
    console.log(soakVerdict(samples));
    return samples;
  } finally {
    await stopBot(bot.child);
    await api.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const toSample = (m: { bot: number; database: number }) => ({ botMb: m.bot, databaseMb: m.database });

/** "memory flat" when the end RSS of the bot and of its database are within 15 % of the one-minute mark. */
export function soakVerdict(samples: SoakSample[]): string {
  const mark = samples[1];
  const end = samples.at(-1)!;
  if (!mark || mark === end) return 'soak: too short for a verdict (no one-minute mark before the end)';
  const growth = (a: number, b: number) => (b - a) / a;
  const bot = growth(mark.botMb, end.botMb);
  const database = growth(mark.databaseMb, end.databaseMb);
  const pct = (g: number) => `${g >= 0 ? '+' : ''}${(g * 100).toFixed(1)} %`;
  const flat = bot <= FLAT_WITHIN && (mark.databaseMb === 0 || database <= FLAT_WITHIN);
  return `soak: ${flat ? 'memory flat' : 'MEMORY GREW'} (end vs one-minute mark: bot ${pct(bot)}, database process ${pct(database)}; limit +${FLAT_WITHIN * 100} %)`;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await runSoakBench();
