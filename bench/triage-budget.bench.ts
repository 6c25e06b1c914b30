/**
 * What the triage time budget costs: the same messages classified in process and through the
 * worker-thread pool (one at a time: the added latency per message; all at once: throughput).
 * Run: `npm run bench -- triage-budget`.
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { classify } from '../src/core/triage/index.js';
import { TriagePool } from '../src/workers/triage-pool.js';

export interface TriageBudgetBenchResult {
  messages: number;
  /** Medians per message. */
  inProcessUs: number;
  pooledUs: number;
  /** Round trip minus the classifier's own time in the thread: median and 99th percentile. */
  overheadUs: number;
  overheadP99Us: number;
  pipelinedPerSecond: Record<number, number>;
  needsHuman: number;
}

export async function runTriageBudgetBench(rounds = 5): Promise<TriageBudgetBenchResult> {
  const texts = readFileSync('test/fixtures/triage/dev-set.jsonl', 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => (JSON.parse(l) as { text: string }).text);
  const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.floor(q * (xs.length - 1))] ?? 0;
  for (const t of texts) classify(t);
  const inProcess: number[] = [];
  for (let r = 0; r < rounds; r++)
    for (const t of texts) {
      const s = performance.now();
      classify(t);
      inProcess.push((performance.now() - s) * 1000);
    }
  const inProcessUs = quantile(inProcess, 0.5);
  let start = 0;

  let needsHuman = 0;
  const pipelinedPerSecond: Record<number, number> = {};
  const roundTrips: number[] = [];
  const overheads: number[] = [];
  let timing = false;
  for (const threads of [1, 2]) {
    const pool = new TriagePool({
      budgetMs: 200,
      threads,
      onTimed: (roundTripUs, classifyUs) => {
        if (!timing) return;
        roundTrips.push(roundTripUs);
        overheads.push(roundTripUs - classifyUs);
      },
    });
    await pool.ready();
    for (const t of texts) await pool.triage(t); // warm-up: JIT in the thread
    if (threads === 1) {
      timing = true;
      for (let r = 0; r < rounds; r++) for (const t of texts) if ((await pool.triage(t)).kind !== 'triaged') needsHuman++;
      timing = false;
    }
    start = performance.now();
    const all = await Promise.all(Array.from({ length: rounds }, () => texts.map((t) => pool.triage(t))).flat());
    pipelinedPerSecond[threads] = Math.round(all.length / ((performance.now() - start) / 1000));
    needsHuman += all.filter((r) => r.kind !== 'triaged').length;
    await pool.close();
  }
  return {
    messages: rounds * texts.length,
    inProcessUs,
    pooledUs: quantile(roundTrips, 0.5),
    overheadUs: quantile(overheads, 0.5),
    overheadP99Us: quantile(overheads, 0.99),
    pipelinedPerSecond,
    needsHuman,
  };
}

export function formatTriageBudget(r: TriageBudgetBenchResult): string {
  return (
    `triage budget: ${r.messages} messages, medians: in process ${r.inProcessUs.toFixed(0)} µs/message, through the pool ${r.pooledUs.toFixed(0)} µs ` +
    `(pool overhead ${r.overheadUs.toFixed(0)} µs/message, p99 ${r.overheadP99Us.toFixed(0)} µs); pipelined ${Object.entries(r.pipelinedPerSecond).map(([n, v]) => `${v.toLocaleString('en')}/s on ${n} thread${n === '1' ? '' : 's'}`).join(', ')}; ` +
    `${r.needsHuman} past the 200 ms budget`
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) console.log(formatTriageBudget(await runTriageBudgetBench()));
