/**
 * `npm run demo`: one complaint played end to end on the local adapter (in-memory
 * database, no services), printing what the customer, the department channel and
 * the supervisor each see.
 */
import { createDeskRuntime } from '../app/desk-runtime.js';
import { loadDeskConfig } from '../config/desk-config.js';
import type { LocalDelivery } from '../adapters/local/local-notifier.js';
import type { CaseView } from '../core/cases/case-view.js';
import type { Clock } from '../core/ports.js';

let now = new Date('2026-11-23T02:15:00Z'); // Monday 10:15 in Shanghai
const clock: Clock = { now: () => now };
const advance = (minutes: number) => (now = new Date(now.getTime() + minutes * 60_000));

const runtime = await createDeskRuntime({
  config: loadDeskConfig(process.env.DESK_CONFIG ?? 'config/desk.example.yaml'),
  database: { pgliteDataDir: 'memory://' },
  clock,
  minIntervalMs: {},
});
const { desk, local, outbox } = runtime;
const customer = { platform: 'local' as const, userId: 'alice' };
const wang = { platform: 'local' as const, userId: 'wang-fang' };
let messageSeq = 0;

function who(audience: string): string {
  const [kind, id] = audience.split(':');
  if (kind === 'customer') return '👤 Customer (Alice) sees';
  if (kind === 'channel') return `🏢 #${id} sees`;
  return `📨 DM to ${id}`;
}

function cardText(c: CaseView): string {
  const lines = [
    `┌ ${c.number}  ${c.urgent ? '🔴 URGENT' : ''} [${c.status}] ${c.category ?? 'uncategorised'} → ${c.departmentName}`,
    `│ ${c.summary}`,
    `│ order: ${c.orderNumber ?? '—'}   wants: ${c.desiredOutcome ?? '—'}   owner: ${c.ownerName ?? 'unclaimed'}   contact: ${c.customerContact ?? '—'}`,
    `│ evidence: ${c.evidencePresent.join('; ') || 'none'}${c.evidenceMissing.length ? `   missing: ${c.evidenceMissing.join(', ')}` : ''}`,
    `│ next due: ${c.dueTimes[0] ? `${c.dueTimes[0].clock} ${c.dueTimes[0].dueAt.toISOString()}` : '—'}`,
    `└ buttons: Claim · Ask customer · Post update · Propose solution · Resolve · Escalate · Reassign`,
  ];
  return lines.join('\n      ');
}

async function step(title: string, action: () => Promise<unknown>): Promise<void> {
  console.log(`\n━━ ${title}`);
  const seen: LocalDelivery[] = [];
  const off = local.onDelivery((d) => seen.push(d));
  await action();
  while ((await outbox.drainOnce()).sent > 0);
  off();
  for (const d of seen) {
    const body = d.card ? `${d.kind === 'card_posted' ? 'new case card' : 'card updated'}:\n      ${cardText(d.card)}` : d.text;
    const buttons = d.actions ? `  [${d.actions.kind === 'survey' ? '1 2 3 4 5' : 'Accept | Reject'}]` : '';
    console.log(`  ${who(d.audience)}: ${body}${buttons}`);
  }
}

function say(text: string, attachments: { fileId: string; name: string; mimeType: string }[] = []) {
  advance(3);
  return desk.receiveCustomerMessage({
    platform: 'local',
    messageId: `m${++messageSeq}`,
    customer: { userId: 'alice', displayName: '张丽' },
    conversation: { channelId: 'dm-alice', threadId: messageSeq === 1 ? null : 'm1' },
    text,
    attachments,
    receivedAt: now,
  });
}

let caseId = '';
await step('1. The customer complains', async () => {
  const r = await say('我上周买的电水壶用了两天就漏水了，订单号 20261116-8871，希望给我换一个新的。');
  if (r.kind === 'created') caseId = r.caseId;
});
await step('2. She answers the evidence question with a photo', () => say('照片在这里', [{ fileId: 'F001', name: 'leak.jpg', mimeType: 'image/jpeg' }]));
await step('3. …and gives a phone number; the case goes to the department', () => say('电话 13812345678'));
await step('4. Wang Fang claims it in #quality', () => (advance(20), desk.claimCase(wang, caseId)));
await step('5. She posts an update', () => (advance(60), desk.postUpdate(wang, caseId, '已联系仓库核对同批次产品，今天内给您方案。')));
await step('6. She proposes a solution', () =>
  (advance(90),
  desk.proposeSolution(wang, caseId, { type: 'replacement', effectiveBy: '3 天内寄出', text: '为您免费更换新水壶，并承担往返运费。' })),
);
const solutionId = (await runtime.ctx.store.listSolutions(caseId))[0]!.id;
await step('7. The customer accepts', () => (advance(30), desk.respondToSolution(customer, solutionId, { accept: true })));
await step('8. Work in progress', () => (advance(600), desk.postUpdate(wang, caseId, '新水壶已发出，顺丰单号 SF1234567890。')));
await step('9. Resolved: result and survey go to the customer', () => (advance(1440), desk.resolveCase(wang, caseId, '新水壶已签收，旧水壶已回收。')));
await step('10. The customer rates the handling', () => (advance(30), desk.submitSurvey(customer, caseId, 5, '处理很快，谢谢！')));

const events = await runtime.ctx.store.listEvents(caseId);
console.log(`\n━━ Audit trail of the case (${events.length} entries)`);
for (const e of events) console.log(`  ${e.at.toISOString()}  ${e.actorKind.padEnd(8)} ${(e.actorId ?? '').padEnd(10)} ${e.type}`);
await runtime.close();
