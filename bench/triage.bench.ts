/**
 * Triage throughput on one core: classifies the labelled messages over and over for a few
 * seconds and reports messages per second. Run: `npm run bench -- triage`.
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { classify } from '../src/core/triage/index.js';

export async function runTriageBench(seconds = 3): Promise<{ messagesPerSecond: number; messagesPerCpuSecond: number; messages: number }> {
  const texts = ['dev-set', 'holdout', 'blind'].flatMap((f) =>
    readFileSync(`test/fixtures/triage/${f}.jsonl`, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => (JSON.parse(l) as { text: string }).text),
  );
  for (const t of texts) classify(t); // warm-up: JIT and dictionaries
  let n = 0;
  const cpu = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1e6;
  };
  const start = performance.now();
  const cpuStart = cpu();
  const until = start + seconds * 1000;
  while (performance.now() < until) for (const t of texts) (classify(t), n++);
  const elapsed = (performance.now() - start) / 1000;
  // CPU seconds of this process: on a shared machine wall time also counts other processes' turns.
  return { messagesPerSecond: Math.round(n / elapsed), messagesPerCpuSecond: Math.round(n / (cpu() - cpuStart)), messages: n };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const r = await runTriageBench();
  console.log(`triage: ${r.messagesPerSecond.toLocaleString('en')} messages/s wall, ${r.messagesPerCpuSecond.toLocaleString('en')} per CPU-second on one core (${r.messages.toLocaleString('en')} classified)`);
}
