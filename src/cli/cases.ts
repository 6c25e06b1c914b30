/**
 * `npm run cases -- <command>`: the case archive.
 *   export --from 2026-11-01 --to 2026-11-30 [--out cases.csv | --out -] [--lang zh-Hans|zh-Hant|en] [--status closed,resolved] [--unmasked --reason TEXT]
 *     Masked like everything staff see; --unmasked (with a --reason) is recorded on every exported case.
 *   search <text>            case number, order number, customer name or words of the complaint
 *   show <CMP-…>             the full record: fields, solutions, messages and audit log (masked)
 *   corrections [--out corrections.jsonl | --out -]   staff corrections of the triage, in the triage evaluation format
 *   erase-customer <platform:userId>   removes one customer's personal data (a PIPL/GDPR erasure request)
 */
import { writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import { exportTable } from '../core/reports/case-export.js';
import { maskContact, maskPersonalData, maskPersonName } from '../core/privacy/mask-personal-data.js';
import { correctionExamples, toJsonl } from '../core/cases/correction-examples.js';
import { localDateTimeString } from '../core/calendar/zoned-time.js';
import { rangePeriod } from '../core/reports/period.js';
import { CASE_STATUSES } from '../core/model/lifecycle.js';
import { LANGUAGES, type Language } from '../core/triage/types.js';
import { fetchExportRows, recordUnmaskedExport, searchCases } from '../persistence/case-export-query.js';
import { PrismaDeskStore } from '../persistence/prisma-desk-store.js';
import { departmentNamer } from '../report-jobs/build-report.js';
import { toCsv } from '../report-jobs/csv.js';
import { eraseCustomer } from '../persistence/personal-data.js';
import { parseCustomerRef } from '../core/customer-ref.js';
import { openCliDatabase, runCli } from './cli-database.js';

const USAGE = `usage:
  npm run cases -- export --from YYYY-MM-DD --to YYYY-MM-DD [--out FILE|-] [--lang zh-Hans|zh-Hant|en] [--status closed,...] [--unmasked --reason TEXT]
  npm run cases -- search TEXT
  npm run cases -- show CASE-NUMBER
  npm run cases -- corrections [--out FILE.jsonl|-]
  npm run cases -- erase-customer PLATFORM:USER-ID   (slack:U012AB3CD, teams:29:1abc…, local:…)`;

function usage(problem: string): never {
  throw new Error(`${problem}\n${USAGE}`);
}

function parseLanguage(value: string | undefined): Language {
  const lang = value ?? 'zh-Hans';
  if (!(LANGUAGES as readonly string[]).includes(lang)) usage(`--lang must be one of ${LANGUAGES.join(', ')}`);
  return lang as Language;
}

async function exportCommand(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: { from: { type: 'string' }, to: { type: 'string' }, out: { type: 'string' }, lang: { type: 'string' }, status: { type: 'string' }, unmasked: { type: 'boolean' }, reason: { type: 'string' } },
  });
  if (!values.from || !values.to) usage('export needs --from and --to');
  const statuses = values.status?.split(',').map((s) => s.trim()).filter(Boolean);
  for (const s of statuses ?? []) if (!(CASE_STATUSES as readonly string[]).includes(s)) usage(`unknown status "${s}" (${CASE_STATUSES.join(', ')})`);
  const language = parseLanguage(values.lang);
  const unmasked = values.unmasked ?? false;
  if (unmasked && !values.reason?.trim()) usage('--unmasked needs --reason: the export is recorded on every case it contains');
  const { config, db } = await openCliDatabase();
  try {
    const period = rangePeriod(values.from, values.to, config.timeZone);
    const rows = await fetchExportRows(db.prisma, { start: period.start, end: period.end, ...(statuses ? { statuses } : {}) });
    const csv = toCsv(exportTable(rows, { language, timeZone: config.timeZone, departmentName: departmentNamer(config.departments), unmasked }));
    const out = values.out ?? `cases-${values.from}_${values.to}.csv`;
    // Audited before the file exists: an unmasked export that was not recorded never happened.
    if (unmasked) await recordUnmaskedExport(db.prisma, rows.map((r) => r.id), { operator: userInfo().username, reason: values.reason!.trim(), at: new Date(), file: out });
    if (out === '-') process.stdout.write(csv);
    else {
      writeFileSync(out, csv, 'utf8');
      console.error(`${rows.length} cases written to ${out}${unmasked ? ' (unmasked; recorded in each case’s audit log)' : ''}`);
    }
  } finally {
    await db.close();
  }
}

async function searchCommand(args: string[]): Promise<void> {
  const text = args.join(' ').trim();
  if (!text) usage('search needs some text');
  const { config, db } = await openCliDatabase();
  try {
    const hits = await searchCases(db.prisma, text);
    for (const h of hits)
      console.log(`${h.number}  ${localDateTimeString(h.createdAt, config.timeZone)}  ${h.status.padEnd(17)}  ${h.orderNumber ?? '—'}  ${maskPersonName(h.customerName)}  ${maskPersonalData(h.summary.replace(/\s+/g, ' '), { keep: [h.orderNumber] }).slice(0, 80)}`);
    console.error(`${hits.length} case${hits.length === 1 ? '' : 's'}`);
  } finally {
    await db.close();
  }
}

async function showCommand(args: string[]): Promise<void> {
  const number = args[0]?.trim().toUpperCase();
  if (!number) usage('show needs a case number');
  const { config, db } = await openCliDatabase();
  try {
    // Read-only: the store never writes here, so it needs no scheduling policy.
    const store = new PrismaDeskStore(db, () => null);
    const c = await store.findCaseByNumber(number);
    if (!c) throw new Error(`No case ${number}`);
    const [customer, solutions, messages, events, evidence] = await Promise.all([store.getCustomer(c.customerId), store.listSolutions(c.id), store.listMessages(c.id), store.listEvents(c.id), store.listEvidence(c.id)]);
    const at = (d: Date | null) => (d ? localDateTimeString(d, config.timeZone) : '—');
    // Shown masked like every staff view; the unmasked record is the audited `export --unmasked`.
    const mask = (text: string) => maskPersonalData(text, { keep: [c.orderNumber] });
    console.log(`${c.number}  [${c.status}]  ${c.category ?? 'uncategorised'}${c.urgent ? '  URGENT' : ''}  → ${c.departmentKey ?? '—'}  owner: ${c.ownerId ?? '—'}`);
    console.log(`customer: ${maskPersonName(customer?.displayName ?? null)}  contact: ${maskContact(customer?.contact ?? null) ?? '—'}  order: ${c.orderNumber ?? '—'}  amount: ${c.amount ?? '—'}`);
    console.log(`received ${at(c.createdAt)}  first response ${at(c.firstRespondedAt)}  resolved ${at(c.resolvedAt)}  closed ${at(c.closedAt)}  satisfaction ${c.satisfactionScore ?? '—'}${c.satisfactionComment ? ` "${mask(c.satisfactionComment)}"` : ''}`);
    console.log(`\nsolutions:`);
    for (const s of solutions) console.log(`  ${at(s.createdAt)}  ${s.type} ${s.amount ?? ''} ${s.currency ?? ''} [${s.status}] by ${s.proposedBy}${s.approvedBy ? `, approved by ${s.approvedBy}` : ''}${s.rejectionReason ? `, rejected: ${mask(s.rejectionReason)}` : ''} — ${mask(s.text)}`);
    console.log(`\nevidence:`);
    for (const e of evidence) console.log(`  ${e.requirement ?? 'attachment'}: ${e.kind} ${e.fileName ?? mask(e.text ?? '')}`);
    console.log(`\nconversation:`);
    for (const m of messages) console.log(`  ${at(m.createdAt)}  ${m.direction.padEnd(8)} ${mask(m.text).replace(/\n/g, '\n' + ' '.repeat(28))}`);
    console.log(`\naudit log:`);
    for (const e of events) console.log(`  ${at(e.at)}  ${e.type.padEnd(26)} ${e.actorKind}${e.actorId ? `:${e.actorId}` : ''}  ${mask(JSON.stringify(e.after ?? {}))}`);
  } finally {
    await db.close();
  }
}

async function correctionsCommand(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { out: { type: 'string' } } });
  const { db } = await openCliDatabase();
  try {
    const store = new PrismaDeskStore(db, () => null);
    const examples = correctionExamples(await store.listCorrections());
    const out = values.out ?? 'corrections.jsonl';
    if (out === '-') process.stdout.write(toJsonl(examples));
    else {
      writeFileSync(out, toJsonl(examples), 'utf8');
      console.error(`${examples.length} corrected case${examples.length === 1 ? '' : 's'} written to ${out}`);
    }
  } finally {
    await db.close();
  }
}

async function eraseCustomerCommand(args: string[]): Promise<void> {
  const ref = parseCustomerRef(args[0] ?? '');
  if (!ref) usage('erase-customer needs platform:userId, e.g. slack:U012AB3CD');
  const { db } = await openCliDatabase();
  try {
    const result = await eraseCustomer(db.prisma, ref, { at: new Date(), actor: `cli:${userInfo().username}` });
    if (!result) {
      console.error(`No customer ${ref.platform}:${ref.userId} in this database; nothing erased.`);
      return;
    }
    // Counts only: the point is that the data is gone, so it is not printed either.
    console.log(
      `Erased customer ${ref.platform}:${ref.userId} (now ${result.customerId}): ${result.cases} cases, ${result.messages} messages, ` +
        `${result.evidence} evidence items, ${result.events} audit entries scrubbed; ${result.inbox} inbox and ${result.outbox} outbox rows and ` +
        `${result.conversationRefs} conversation references deleted. Recorded in privacy_event. Messages already posted in ` +
        'Slack or Teams must be deleted there.',
    );
  } finally {
    await db.close();
  }
}

runCli(async () => {
  const [command, ...rest] = process.argv.slice(2);
  if (command === 'export') return exportCommand(rest);
  if (command === 'search') return searchCommand(rest);
  if (command === 'show') return showCommand(rest);
  if (command === 'corrections') return correctionsCommand(rest);
  if (command === 'erase-customer') return eraseCustomerCommand(rest);
  usage(command ? `unknown command "${command}"` : 'which command?');
});
