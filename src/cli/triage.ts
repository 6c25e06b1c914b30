/**
 * `npm run --silent triage`: JSON Lines in ({"id","text"}), one JSON line out per input, in order:
 * {"id","language","isComplaint","category","urgent","orderNumber","desiredOutcome","amount","possibleUrgent","cues"}
 * ("possibleUrgent": not urgent, but a weaker harm signal a person should check).
 * A bad line yields {"id"?, "error"} and the run goes on.
 */
import { createInterface } from 'node:readline';
import { z } from 'zod';
import { classify } from '../core/triage/index.js';

const TriageInput = z.object({ id: z.union([z.string(), z.number()]).transform(String), text: z.string() });

function triageLine(line: string): Record<string, unknown> {
  let raw: unknown;
  try {
    raw = JSON.parse(line);
  } catch (err) {
    return { error: `invalid JSON: ${(err as Error).message}` };
  }
  const parsed = TriageInput.safeParse(raw);
  if (!parsed.success) {
    const id = typeof raw === 'object' && raw !== null && 'id' in raw ? (raw as { id: unknown }).id : undefined;
    const problem = parsed.error.issues.map((i) => `${i.path.join('.') || 'line'}: ${i.message}`).join('; ');
    return { ...(typeof id === 'string' || typeof id === 'number' ? { id: String(id) } : {}), error: problem };
  }
  const { id, text } = parsed.data;
  const t = classify(text);
  return {
    id,
    language: t.language,
    isComplaint: t.isComplaint,
    category: t.category,
    urgent: t.urgent,
    orderNumber: t.orderNumber,
    desiredOutcome: t.desiredOutcome,
    amount: t.amount,
    possibleUrgent: t.possibleUrgent ?? false,
    cues: t.cues,
  };
}

const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
const out: string[] = [];
const flush = () => {
  if (out.length) process.stdout.write(out.join('\n') + '\n');
  out.length = 0;
};
for await (const line of rl) {
  if (!line.trim()) continue;
  out.push(JSON.stringify(triageLine(line)));
  if (out.length >= 256) flush();
}
flush();
