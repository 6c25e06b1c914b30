/** Readable case numbers, e.g. CMP-20261123-0042: the local intake date and a database sequence. */
export function formatCaseNumber(localDate: string, sequence: number): string {
  return `CMP-${localDate.replace(/-/g, '')}-${String(sequence).padStart(4, '0')}`;
}

export const CASE_NUMBER_PATTERN = /\bCMP-\d{8}-\d{4,}\b/i;
