import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { fileURLToPath } from 'node:url';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { DeskApplication } from '../../application/desk-application.js';
import { IntakeUnavailableError } from '../../application/intake-unavailable.js';
import type { CustomerClick } from '../../core/cases/customer-clicks.js';
import { STATUS_LABELS } from '../../core/staff-text/status-labels.js';
import { staffText, staffTextTemplates } from '../../core/staff-text/staff-text-catalog.js';
import { customerChatLabels } from '../../core/templates/customer-chat-labels.js';
import { formatDeadline } from '../../core/templates/format-deadline.js';
import { DeskError, DuplicateRequestError, type DeskErrorCode } from '../../core/errors.js';
import { CATEGORIES, DESIRED_OUTCOMES, detectLanguage, LANGUAGES, type Language } from '../../core/triage/index.js';
import type { Actor, StaffCommand } from '../../core/ports.js';
import type { StaffMember } from '../../core/staff-directory.js';
import type { LocalNotifier } from '../local/local-notifier.js';
import type { TickResult } from '../../scheduler/sla-scheduler.js';
import { formatZodError } from '../../config/format-zod-error.js';
import { readBody, sendJson, type HttpServer } from '../../http/http-server.js';
import { foreignOriginProblem, isLoopbackClient } from '../../http/loopback.js';
import { CaseListQuery, ClockRequest, CustomerActionRequest, CustomerMessageRequest, StaffActionRequest, ViewerQuery } from './playground-requests.js';
import { PlaygroundTranscript } from './playground-transcript.js';

/** Moves the desk clock forward and takes every SLA step that fell due meanwhile. */
export type AdvanceClock = (minutes: number) => Promise<{ now: Date; tick: TickResult }>;

export interface PlaygroundOptions {
  /** What the outbox delivered to the local platform: the panes show it. */
  local: LocalNotifier;
  /** Present in developer mode only: lets the page move time forward. */
  advanceClock?: AdvanceClock;
  /** Forced next to real Slack/Teams credentials: only the playground's own cases are listed, shown or acted on. */
  onlyLocalCases?: boolean;
  logger: Pick<Logger, 'info' | 'warn' | 'error'>;
}

const STATUS_FOR: Record<DeskErrorCode, number> = {
  illegal_transition: 409,
  already_claimed: 409,
  conflict_of_interest: 403,
  not_permitted: 403,
  not_your_case: 403,
  not_found: 404,
  invalid_input: 400,
};

class BadRequest extends Error {}
class NotVisible extends Error {}

/**
 * The playground has no sign-in, so it is served only to this machine: a loopback client,
 * addressed by its loopback name (no rebound DNS name), from its own page (no foreign Origin),
 * and POSTs only as JSON (a cross-site form or text/plain post needs no CORS preflight).
 */
export function playgroundRequestRefusal(req: IncomingMessage): { status: number; error: string; message: string } | null {
  if (!isLoopbackClient(req)) return { status: 403, error: 'forbidden', message: 'The playground answers only on this machine (a loopback client)' };
  const foreign = foreignOriginProblem(req);
  if (foreign) return { status: 403, error: 'forbidden', message: `${foreign}: the playground answers only its own page` };
  if (req.method === 'POST' && !/^application\/json\s*(;|$)/i.test(req.headers['content-type'] ?? '')) return { status: 415, error: 'unsupported_media_type', message: 'POST bodies must be application/json' };
  return null;
}

async function guarded(req: IncomingMessage, res: ServerResponse, next: () => Promise<void>): Promise<void> {
  const refusal = playgroundRequestRefusal(req);
  if (refusal) {
    // The body is not read: close instead of keeping a half-read request on the socket.
    res.setHeader('connection', 'close');
    return sendJson(res, refusal.status, { error: refusal.error, message: refusal.message });
  }
  return next();
}

/**
 * The customers the page can play, each with the language they start in; once they have written,
 * the pane follows the language of what they wrote (the transcript's `language`).
 */
const CUSTOMERS: { id: string; name: string; language: Language }[] = [
  { id: 'zhang-li', name: '张丽', language: 'zh-Hans' },
  { id: 'chan-tai-man', name: '陳大文', language: 'zh-Hant' },
  { id: 'emma-clark', name: 'Emma Clark', language: 'en' },
];

const WEB_DIR = fileURLToPath(new URL('./web/', import.meta.url));
// Preact + htm in one ES module file: a real component model with no build step.
const VENDOR_FILE = fileURLToPath(import.meta.resolve('htm/preact/standalone'));
const STATIC: Record<string, { file: string; type: string }> = {
  '/playground': { file: `${WEB_DIR}index.html`, type: 'text/html; charset=utf-8' },
  '/playground/app.js': { file: `${WEB_DIR}app.js`, type: 'text/javascript; charset=utf-8' },
  '/playground/style.css': { file: `${WEB_DIR}style.css`, type: 'text/css; charset=utf-8' },
  '/playground/vendor/preact-htm.js': { file: VENDOR_FILE, type: 'text/javascript; charset=utf-8' },
};

/**
 * The playground: a third platform adapter, for trying the desk in a browser. Customer
 * messages go through the same durable inbox as Slack and Teams, staff and customer buttons
 * call the same Desk use cases, and what the page shows is what the local notifier was sent
 * through the outbox. It has no sign-in, so it never runs in production.
 */
export function attachPlayground(app: DeskApplication, http: HttpServer, o: PlaygroundOptions): PlaygroundTranscript {
  const { desk } = app;
  const settings = app.settings;
  const transcript = new PlaygroundTranscript(o.local, app.clock);
  const local = (userId: string): Actor => ({ platform: 'local', userId });

  http.route('/playground', (req, res) => guarded(req, res, () => serveStatic(req, res, settings.staffLanguage)));
  http.route('/playground/*', (req, res) => guarded(req, res, () => routed(req, res)));

  async function routed(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '').split('?')[0]!;
    if (!path.startsWith('/playground/api/')) return serveStatic(req, res, settings.staffLanguage);
    // Who the request acts as, once its body names them: a refusal is told in their language, as on Slack and Teams.
    const acting: { actor?: Actor } = {};
    try {
      await api(req, res, path.slice('/playground/api/'.length), acting);
    } catch (err) {
      if (err instanceof z.ZodError) return sendJson(res, 400, { error: 'invalid_request', message: formatZodError(err) });
      if (err instanceof BadRequest) return sendJson(res, 400, { error: 'invalid_request', message: err.message });
      if (err instanceof NotVisible) return sendJson(res, 404, { error: 'not_found', message: 'No such case in the playground' });
      if (err instanceof DuplicateRequestError) return sendJson(res, 200, { status: 'done', duplicate: true });
      if (err instanceof IntakeUnavailableError) return sendJson(res, 503, { error: 'unavailable', message: 'The message could not be stored yet; send it again' }, { 'retry-after': String(err.retryAfterSeconds) });
      if (err instanceof DeskError) return sendJson(res, STATUS_FOR[err.code], { error: err.code, message: app.describeRefusal(err, acting.actor ?? local('')) });
      // Anything else, an oversized body (413) included, is answered by the HTTP server.
      throw err;
    }
  }

  /** Forced mode: a case that did not come in through the playground does not exist here. */
  async function visible(c: { platform: string } | null): Promise<boolean> {
    return c !== null && (!o.onlyLocalCases || c.platform === 'local');
  }
  async function assertVisible(caseRef: string | null, solutionId?: string): Promise<void> {
    if (!o.onlyLocalCases) return;
    const c = solutionId ? await desk.caseOfSolution(solutionId) : caseRef ? await desk.findCase(caseRef) : null;
    if (!(await visible(c))) throw new NotVisible();
  }

  async function api(req: IncomingMessage, res: ServerResponse, route: string, acting: { actor?: Actor }): Promise<void> {
    const method = req.method ?? 'GET';
    const query = Object.fromEntries(new URL(req.url ?? '/', 'http://playground').searchParams);
    if (method === 'GET' && route === 'setup') return sendJson(res, 200, setup());
    if (method === 'GET' && route === 'feed') {
      const after = Number(query.after ?? 0);
      return sendJson(res, 200, { now: app.clock.now(), ...transcript.after(Number.isFinite(after) ? after : 0) });
    }
    // Staff messages held for quiet hours, not delivered yet: the inbox pane shows them as the case page does.
    if (method === 'GET' && route === 'held') return sendJson(res, 200, { held: await heldStaffMessages() });
    if (method === 'GET' && route === 'cases') {
      const q = CaseListQuery.parse(query);
      const ownerId = q.owner === 'unassigned' ? null : q.owner === 'mine' ? staffOf(q.viewer!).id : undefined;
      const items = await desk.listCases({
        ...(q.status ? { status: q.status } : {}),
        ...(q.department ? { departmentKey: q.department } : {}),
        ...(q.urgent !== undefined ? { urgent: q.urgent } : {}),
        ...(q.overdue !== undefined ? { overdue: q.overdue } : {}),
        ...(ownerId !== undefined ? { ownerId } : {}),
        ...(q.q ? { search: q.q } : {}),
        ...(q.sort ? { sort: q.sort } : {}),
        ...(o.onlyLocalCases ? { platform: 'local' as const } : {}),
      });
      const language = (q.viewer ? staffOf(q.viewer).language : undefined) ?? settings.staffLanguage;
      return sendJson(res, 200, { cases: items.map((i) => ({ ...i, statusLabel: STATUS_LABELS[language][i.status] })) });
    }
    // What the staff member the page acts as may do to this case: the page offers these buttons and no others.
    const actionsRoute = /^cases\/([^/]+)\/actions$/.exec(route);
    if (method === 'GET' && actionsRoute) {
      const { viewer } = ViewerQuery.parse(query);
      staffOf(viewer);
      const found = await desk.findCase(decodeURIComponent(actionsRoute[1]!));
      if (!found || !(await visible(found))) return sendJson(res, 404, { error: 'not_found', message: 'No such case' });
      return sendJson(res, 200, { actions: await desk.actionsFor(local(viewer), found.id), reassignCandidates: app.reassignCandidates(found.departmentKey) });
    }
    if (method === 'GET' && route.startsWith('cases/')) {
      const found = await desk.findCase(decodeURIComponent(route.slice('cases/'.length)));
      if (!found || !(await visible(found))) return sendJson(res, 404, { error: 'not_found', message: 'No such case' });
      // The audit trail in the language of the staff member the page acts as, if it says.
      const viewer = query.viewer ? staffOf(query.viewer) : null;
      const history = await desk.caseHistory(found.id, viewer?.language);
      return sendJson(res, 200, { ...history, view: { ...history.view, statusLabel: history.view.words.status } });
    }
    if (method !== 'POST') return sendJson(res, 404, { error: 'not_found', message: `No ${method} /playground/api/${route}` });
    const body = await readJson(req);
    switch (route) {
      case 'customer-messages': {
        const m = CustomerMessageRequest.parse(body);
        const channelId = `dm-${m.customerId}`;
        const result = await app.acceptCustomerMessage({
          platform: 'local',
          messageId: `pg-${randomUUID()}`,
          customer: { userId: m.customerId, displayName: m.displayName },
          conversation: { channelId, threadId: null, isPrivate: true },
          text: m.text,
          attachments: m.attachments.map((a) => ({ fileId: `pg-file-${randomUUID()}`, name: a.name, mimeType: a.mimeType })),
          receivedAt: app.clock.now(),
        });
        // The pane follows the language the customer writes in; a bare phone number or a file says nothing about it.
        transcript.customerSaid(channelId, m.text, m.attachments.map((a) => a.name), /\p{L}/u.test(m.text) ? detectLanguage(m.text) : undefined);
        return sendJson(res, 202, { status: result });
      }
      case 'staff-actions': {
        const a = StaffActionRequest.parse(body);
        acting.actor = local(a.actor);
        await assertVisible('caseId' in a ? a.caseId : null, a.action === 'approve' ? a.solutionId : undefined);
        await staffAction(a);
        return sendJson(res, 200, { status: 'done' });
      }
      case 'customer-actions': {
        const a = CustomerActionRequest.parse(body);
        // "A new problem" names no case to check; every other answer names the case or solution it is about.
        if (!(a.action === 'choose_case' && a.caseId === 'new'))
          await assertVisible(a.action === 'survey' || a.action === 'choose_case' ? a.caseId : null, a.action === 'accept' || a.action === 'reject' ? a.solutionId : undefined);
        const outcome = await app.customerClick(local(a.customerId), customerClickOf(a));
        if (outcome.kind === 'refused') return sendJson(res, STATUS_FOR[outcome.error.code], { error: outcome.error.code, message: outcome.text });
        // The clicked line shows the answer from now on, for every reload of the page.
        if (a.messageSeq !== undefined) transcript.answered(a.messageSeq, `customer:dm-${a.customerId}`, outcome.card);
        return sendJson(res, 200, { status: 'done', answered: outcome.card });
      }
      case 'clock': {
        if (!o.advanceClock) return sendJson(res, 403, { error: 'not_permitted', message: 'The clock can only be moved in developer mode' });
        const { advanceMinutes } = ClockRequest.parse(body);
        const { now, tick } = await o.advanceClock(advanceMinutes);
        o.logger.info({ advanceMinutes, now, ...tick }, 'playground clock moved forward');
        return sendJson(res, 200, { now, tick });
      }
      default:
        return sendJson(res, 404, { error: 'not_found', message: `No POST /playground/api/${route}` });
    }
  }

  /** The staff member the page acts as, by their local user id (as setup lists them). */
  /**
   * Each held message (audit `staff_message_held`, `sla_step_held`) still waiting at the desk's time, with who it is
   * for and the case page's words for it ("held until 09:00 (quiet hours)") in the recipient's language.
   * The playground holds few cases, so it reads the recent open ones' trails.
   */
  async function heldStaffMessages(): Promise<{ caseId: string; number: string; to: string | null; until: string; text: string }[]> {
    const now = app.clock.now().getTime();
    const cases = (await desk.listCases({ limit: 50, ...(o.onlyLocalCases ? { platform: 'local' as const } : {}) })).filter((c) => c.status !== 'closed');
    const held = [];
    for (const c of cases) {
      const history = await desk.caseHistory(c.id);
      // A held SLA step (a nudge or warning not written yet) is for the owner; a held message names its recipient.
      const owner = app.staffMembers.find((m) => m.id === history.view.ownerId)?.identities.local ?? null;
      for (const e of history.events) {
        const until = typeof e.after?.until === 'string' ? e.after.until : null;
        if ((e.type !== 'staff_message_held' && e.type !== 'sla_step_held') || !until || new Date(until).getTime() <= now) continue;
        const to = e.type === 'sla_step_held' ? owner : typeof e.after?.to === 'string' ? e.after.to : null;
        const language = (to ? app.staffMember(local(to))?.language : undefined) ?? settings.staffLanguage;
        held.push({ caseId: c.id, number: c.number, to, until, text: `${c.number}: ${staffText('held_for_quiet_hours', language, { time: formatDeadline(new Date(until), language, settings.timeZone) })}` });
      }
    }
    return held.sort((a, b) => a.until.localeCompare(b.until));
  }

  function staffOf(viewer: string): StaffMember {
    const member = app.staffMember(local(viewer));
    if (!member) throw new BadRequest(`${viewer} is not desk staff`);
    return member;
  }

  function customerClickOf(a: CustomerActionRequest): CustomerClick {
    switch (a.action) {
      case 'accept':
        return { kind: 'accept', solutionId: a.solutionId };
      case 'reject':
        return { kind: 'reject', solutionId: a.solutionId, reason: a.reason };
      case 'survey':
        return { kind: 'survey', caseId: a.caseId, score: a.score, comment: a.comment ?? null };
      case 'choose_case':
        return { kind: 'choose_case', unfiledId: a.unfiledId, caseId: a.caseId === 'new' ? null : a.caseId };
    }
  }

  async function staffAction(a: StaffActionRequest): Promise<void> {
    const actor = local(a.actor);
    const cmd: StaffCommand = { requestId: a.requestId ?? null, override: a.overrideReason ? { reason: a.overrideReason } : null };
    switch (a.action) {
      case 'claim':
        return void (await desk.claimCase(actor, a.caseId, cmd));
      case 'reassign':
        return void (await desk.reassignCase(actor, a.caseId, a.newOwnerId, cmd));
      case 'ask':
        return void (await desk.askCustomer(actor, a.caseId, a.text, cmd));
      case 'update':
        return void (await desk.postUpdate(actor, a.caseId, a.text, cmd));
      case 'reply':
        return void (await desk.replyToCustomer(actor, a.caseId, a.text, cmd));
      case 'note':
        return void (await desk.addInternalNote(actor, a.caseId, a.text, cmd));
      case 'propose':
        return void (await desk.proposeSolution(actor, a.caseId, { type: a.type, amount: a.amount ?? null, text: a.text }, cmd));
      case 'approve':
        return void (await desk.approveSolution(actor, a.solutionId, cmd));
      case 'resolve':
        return void (await desk.resolveCase(actor, a.caseId, a.text, a.letter ? { letter: a.letter } : {}, cmd));
      case 'escalate':
        return void (await desk.escalateCase(actor, a.caseId, a.text, cmd));
      case 'close':
        return void (await desk.closeCase(actor, a.caseId, cmd));
      case 'reopen':
        return void (await desk.reopenCase(actor, a.caseId, a.text, cmd));
      case 'recategorize':
        return void (await desk.changeCategory(actor, a.caseId, { category: a.category, departmentKey: a.department || null }, cmd));
      case 'mark_urgent':
        return void (await desk.markUrgent(actor, a.caseId, a.urgent, cmd));
      case 'link':
        return void (await desk.linkCase(actor, a.caseId, a.other, a.mode, cmd));
    }
  }

  function setup() {
    return {
      now: app.clock.now(),
      devClock: o.advanceClock !== undefined,
      timeZone: settings.timeZone,
      departments: settings.departments.map((d) => ({ key: d.key, name: d.name[settings.staffLanguage], localName: d.name['zh-Hans'], channel: d.channels.local ?? d.key })),
      escalationChannel: settings.escalationChannels.local ?? null,
      staffLanguage: settings.staffLanguage,
      staff: [...app.staffMembers].map((m) => ({ id: m.id, name: m.name, role: m.role, department: m.department ?? null, userId: m.identities.local ?? m.id, language: m.language ?? settings.staffLanguage })),
      customers: CUSTOMERS,
      statuses: Object.keys(STATUS_LABELS.en).map((status) => ({ status, label: perLanguage((l) => STATUS_LABELS[l][status as keyof (typeof STATUS_LABELS)['en']]) })),
      // The core's vocabularies, so the page keeps no copy of its own.
      categories: CATEGORIES,
      solutionTypes: DESIRED_OUTCOMES,
      // Every word the page shows, from the desk's catalogs, in each language: the staff panes read the
      // staff member they act as in theirs, the customer pane the customer's. The page keeps no words of its own.
      staffTexts: perLanguage(staffTextTemplates),
      customerTexts: perLanguage(customerChatLabels),
    };
  }

  return transcript;
}

function perLanguage<T>(of: (language: Language) => T): Record<Language, T> {
  return Object.fromEntries(LANGUAGES.map((l) => [l, of(l)])) as Record<Language, T>;
}

/** The page is declared in the desk's staff language (the language its header is in) before its script runs. */
async function serveStatic(req: IncomingMessage, res: ServerResponse, language: Language): Promise<void> {
  const path = (req.url ?? '').split('?')[0]!.replace(/\/$/, '');
  const asset = STATIC[path];
  if (!asset || (req.method !== 'GET' && req.method !== 'HEAD')) return sendJson(res, 404, { error: 'not_found', message: `No playground file ${path}` });
  const file = await readFile(asset.file);
  const body = asset.file.endsWith('.html') ? Buffer.from(file.toString('utf8').replace('<html lang="en">', `<html lang="${language}">`)) : file;
  res.writeHead(200, { 'content-type': asset.type, 'content-length': body.length, 'cache-control': 'no-cache' });
  res.end(req.method === 'HEAD' ? undefined : body);
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const raw = await readBody(req, 64 * 1024);
  try {
    return JSON.parse(raw.toString('utf8') || '{}');
  } catch {
    throw new BadRequest('the body is not valid JSON');
  }
}
