/**
 * CSV as Excel opens it: UTF-8 with a byte-order mark (without it Excel assumes the
 * system code page and garbles Chinese), CRLF line ends, RFC 4180 quoting.
 */
export const UTF8_BOM = '\uFEFF';

// Cells Excel would run as a formula (OWASP "CSV injection"): customers write these fields.
const FORMULA_START = /^[=+\-@\t\r]/;
// A phone number such as "+86 138 1234 5678" is not a formula and stays as it is.
const PLAIN_NUMBER = /^[+-]?[\d\s().-]+$/;

export function csvCell(value: string): string {
  const safe = FORMULA_START.test(value) && !PLAIN_NUMBER.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function toCsv(rows: readonly (readonly string[])[]): string {
  return UTF8_BOM + rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
