/**
 * Tables a request could write to, directly or through the inbox worker. case_card is left
 * out on purpose: the outbox worker records there, in the background, where it posted the
 * cards of cases created earlier in the run, which says nothing about the requests being sent.
 */
export const WRITTEN_TABLES = ['inbox_message', 'staff_request', 'customer', 'case', 'case_message', 'case_event', 'evidence', 'solution', 'outbox_message', 'conversation_ref'] as const;

export type RowCounts = Record<(typeof WRITTEN_TABLES)[number], number>;

/** Any SQL runner: a pg client in the fuzz script, the runtime's database in tests. */
export type Query = (sql: string) => Promise<Record<string, unknown>[]>;

export async function countRows(query: Query): Promise<RowCounts> {
  const sql = WRITTEN_TABLES.map((t) => `SELECT '${t}' AS name, count(*)::int AS n FROM "${t}"`).join(' UNION ALL ');
  const counts = Object.fromEntries(WRITTEN_TABLES.map((t) => [t, 0])) as RowCounts;
  for (const row of await query(sql)) counts[String(row.name) as keyof RowCounts] = Number(row.n);
  return counts;
}

/** Tables whose count changed, as "table +n". */
export function rowChanges(before: RowCounts, after: RowCounts): string[] {
  return WRITTEN_TABLES.filter((t) => after[t] !== before[t]).map((t) => `${t} ${after[t] - before[t] >= 0 ? '+' : ''}${after[t] - before[t]}`);
}

export const totalChange = (before: RowCounts, after: RowCounts) => WRITTEN_TABLES.reduce((sum, t) => sum + Math.abs(after[t] - before[t]), 0);

/** Waits until the inbox has nothing pending and the counts hold still, so earlier phases do not leak into the next count. */
export async function settledCounts(query: Query, timeoutMs = 60_000): Promise<RowCounts> {
  const deadline = Date.now() + timeoutMs;
  let last = await countRows(query);
  for (;;) {
    await new Promise((r) => setTimeout(r, 500));
    const pending = Number((await query(`SELECT count(*)::int AS n FROM inbox_message WHERE status = 'pending'`))[0]?.n ?? 0);
    const now = await countRows(query);
    if ((pending === 0 && totalChange(last, now) === 0) || Date.now() > deadline) return now;
    last = now;
  }
}
