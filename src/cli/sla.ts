/**
 * `npm run sla -- report`: open cases with their next due clock and any breaches, most urgent
 * first. `npm run sla -- tick` runs one scheduler tick now (catch-up by hand).
 */
import { runningClocks } from '../core/sla/sla-clocks.js';
import { OPEN_STATUSES } from '../core/model/lifecycle.js';
import { toCaseRecord } from '../persistence/record-mappers.js';
import { createDeskRuntime } from '../app/desk-runtime.js';
import { openCliDatabase, runCli } from './cli-database.js';

runCli(async () => {
  const [command = 'report'] = process.argv.slice(2).filter((a) => a !== '--');
  const { config, db } = await openCliDatabase();
  try {
    if (command === 'tick') {
      const runtime = await createDeskRuntime({ config, database: db });
      const r = await runtime.scheduler.tick();
      console.log(`tick: ${r.cases} cases, ${r.steps} steps taken, ${r.breaches} breaches`);
      return;
    }
    if (command !== 'report') throw new Error(`unknown command "${command}" (use: report | tick)`);
    const now = new Date();
    const rows = (await db.prisma.case.findMany({ where: { status: { in: [...OPEN_STATUSES] } }, orderBy: { createdAt: 'asc' }, take: 5000 })).map(toCaseRecord);
    const lines = rows
      .map((c) => {
        const clocks = runningClocks(c);
        const next = clocks[0];
        const breached = clocks.filter(([, due]) => due.getTime() < now.getTime()).map(([name]) => name);
        return { c, next, breached };
      })
      .sort((a, b) => (a.next?.[1].getTime() ?? Infinity) - (b.next?.[1].getTime() ?? Infinity));
    const fmt = new Intl.DateTimeFormat('sv-SE', { timeZone: config.timeZone, dateStyle: 'short', timeStyle: 'short' });
    console.log(`${rows.length} open cases (times in ${config.timeZone})\n`);
    console.log(`${'case'.padEnd(20)}${'status'.padEnd(19)}${'owner'.padEnd(12)}${'next clock'.padEnd(18)}${'due'.padEnd(18)}breaches`);
    for (const { c, next, breached } of lines)
      console.log(
        `${c.number.padEnd(20)}${c.status.padEnd(19)}${(c.ownerId ?? '—').padEnd(12)}${(next?.[0] ?? '—').padEnd(18)}${(next ? fmt.format(next[1]) : '—').padEnd(18)}${breached.join(', ') || '—'}${c.urgent ? '  🔴 urgent' : ''}`,
      );
    const breachedCount = lines.filter((l) => l.breached.length).length;
    console.log(`\n${breachedCount} of ${rows.length} open cases have a breached clock.`);
  } finally {
    await db.close();
  }
});
