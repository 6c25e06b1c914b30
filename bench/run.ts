/** `npm run bench [-- triage|triage-budget|scheduler|cases|intake|outbox|scale|soak|idle]`: the benchmarks; speed goals live here, never in unit tests. */
import { runTriageBench } from './triage.bench.js';
import { formatTriageBudget, runTriageBudgetBench } from './triage-budget.bench.js';
import { printWorstCases } from './triage-hostile-texts.js';
import { runSchedulerBench } from './scheduler.bench.js';
import { runIntakeBench } from './intake.bench.js';
import { measureCaseCreation } from './intake/case-creation.js';
import { formatOutboxBench, runOutboxBench } from './outbox.bench.js';
import { runSoakBench } from './soak.bench.js';
import { runScaleBench } from './scale.bench.js';
import { formatIdleMemory, measureIdleMemory } from './memory/idle.js';

const wanted = new Set(process.argv.slice(2).filter((a) => a !== '--'));
const all = wanted.size === 0;

if (all || wanted.has('triage')) {
  const r = await runTriageBench();
  console.log(`triage: ${r.messagesPerSecond.toLocaleString('en')} messages/s wall, ${r.messagesPerCpuSecond.toLocaleString('en')} per CPU-second on one core`);
  printWorstCases();
}
if (all || wanted.has('triage-budget')) console.log(formatTriageBudget(await runTriageBudgetBench()));
if (all || wanted.has('scheduler')) {
  for (const r of await runSchedulerBench())
    console.log(`scheduler: ${r.openCases.toLocaleString('en')} open, ${r.due} due → find ${r.findMs.toFixed(1)} ms; full tick ${r.tickMs.toFixed(0)} ms (${r.stepsTaken} steps, ${r.statementsPerCase.toFixed(2)} statements per case); rss ${r.rssMb.toFixed(0)} MB`);
}
if (all || wanted.has('cases')) {
  for (const db of ['postgres', 'pglite', 'pglite-process'] as const) {
    const r = await measureCaseCreation(db);
    console.log(`case creation (${db}, no HTTP, 8 at a time): ${r.casesPerSecond.toFixed(0)} cases/s, ${r.cpuMsPerCase.toFixed(1)} ms of bot CPU per case`);
  }
}
if (all || wanted.has('outbox')) console.log(formatOutboxBench(await runOutboxBench()));
if (all || wanted.has('intake')) await runIntakeBench();
if (all || wanted.has('scale')) await runScaleBench();
if (all || wanted.has('idle')) console.log(formatIdleMemory(await measureIdleMemory()));
// Minutes long: only when asked for by name.
if (wanted.has('soak')) await runSoakBench();
