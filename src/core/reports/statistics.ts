/**
 * Quantiles by linear interpolation between closest ranks (Hyndman & Fan type 7, the
 * method of Excel's PERCENTILE.INC and numpy's default), so a manager re-checking a
 * figure in a spreadsheet gets the same number.
 */
export function quantile(values: readonly number[], q: number): number | null {
  if (values.length === 0) return null;
  if (q < 0 || q > 1) throw new RangeError(`quantile ${q} is outside 0..1`);
  const sorted = [...values].sort((a, b) => a - b);
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const below = sorted[lo]!;
  const above = sorted[Math.min(lo + 1, sorted.length - 1)]!;
  return below + (h - lo) * (above - below);
}

export interface Distribution {
  count: number;
  median: number | null;
  p90: number | null;
  mean: number | null;
}

export function distribution(values: readonly number[]): Distribution {
  return {
    count: values.length,
    median: quantile(values, 0.5),
    p90: quantile(values, 0.9),
    mean: values.length ? values.reduce((a, b) => a + b, 0) / values.length : null,
  };
}

/** Counts by key, largest first, ties by key so output is stable. */
export function countBy<T>(items: readonly T[], key: (item: T) => string): { key: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const item of items) {
    const k = key(item);
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return [...counts.entries()].map(([k, count]) => ({ key: k, count })).sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
}
