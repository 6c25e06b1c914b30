// The playground page: one person plays customer, staff and supervisor. Everything shown
// comes from the bot (GET /playground/api/feed); every button posts to the same desk use
// cases the Slack and Teams adapters call.
import { html, render, useEffect, useMemo, useRef, useState } from '/playground/vendor/preact-htm.js';

// The page has no words of its own: every label comes from the desk's catalogs (setup.staffTexts,
// setup.customerTexts, per language), in the language of whoever reads that pane.
const fill = (text, values = {}) => text.replace(/\{([a-z_]+)\}/g, (m, k) => (k in values ? String(values[k]) : m));

/** The staff words for one reader: in their staff language, the desk's when nobody in particular reads. */
function staffWords(setup, userId) {
  const language = setup.staff.find((s) => s.userId === userId)?.language ?? setup.staffLanguage;
  return { language, T: (key, values) => fill(setup.staffTexts[language][key] ?? key, values) };
}

const LOCALE = { en: 'en-GB', 'zh-Hans': 'zh-CN', 'zh-Hant': 'zh-HK' };

async function api(path, body) {
  const res = await fetch(`/playground/api/${path}`, body === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const data = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(data.message ?? `${res.status} ${res.statusText}`);
  return data;
}

const fmtTime = (iso, timeZone, language = 'en') => new Date(iso).toLocaleString(LOCALE[language], { timeZone, weekday: 'short', day: '2-digit', month: 'short', hour: '2-digit', minute: '2-digit' });

function useRoute() {
  const [hash, setHash] = useState(location.hash || '#/desk');
  useEffect(() => {
    const on = () => setHash(location.hash || '#/desk');
    addEventListener('hashchange', on);
    return () => removeEventListener('hashchange', on);
  }, []);
  return hash.slice(2).split('/');
}

/** Polls the transcript; lines are kept in order and never re-fetched. */
function useFeed() {
  const [state, setState] = useState({ lines: [], last: 0, now: null });
  useEffect(() => {
    let stop = false;
    let last = 0;
    const poll = async () => {
      try {
        const data = await api(`feed?after=${last}`);
        if (data.lines.length) last = data.last;
        setState((s) => ({ lines: data.lines.length ? [...s.lines, ...data.lines] : s.lines, last, now: data.now }));
      } catch {
        /* the bot restarting: try again on the next round */
      }
      if (!stop) setTimeout(poll, 400);
    };
    poll();
    return () => (stop = true);
  }, []);
  return state;
}

/** Keeps a chat pane scrolled to its newest line, as chat clients do. */
function useStickToBottom(count) {
  const ref = useRef(null);
  useEffect(() => {
    if (ref.current) ref.current.scrollTop = ref.current.scrollHeight;
  }, [count]);
  return ref;
}

function App() {
  const [setup, setSetup] = useState(null);
  const [error, setError] = useState(null);
  const feed = useFeed();
  const route = useRoute();
  useEffect(() => void api('setup').then(setSetup, (e) => setError(e.message)), []);
  useEffect(() => {
    if (!error) return;
    const t = setTimeout(() => setError(null), 6000);
    return () => clearTimeout(t);
  }, [error]);
  useEffect(() => {
    if (!setup) return;
    document.documentElement.lang = setup.staffLanguage;
    document.title = staffWords(setup, null).T('pg_title');
  }, [setup]);
  if (!setup) return html`<p class="loading">${error ?? '…'}</p>`;
  // The header and navigation are the desk's: its staff language.
  const { T } = staffWords(setup, null);
  const act = async (path, body) => {
    try {
      return (await api(path, body)) ?? true;
    } catch (e) {
      setError(e.message);
      return false;
    }
  };
  const page = route[0] === 'cases' ? (route[1] ? html`<${CasePage} ref_=${decodeURIComponent(route[1])} setup=${setup} now=${feed.now} />` : html`<${CaseList} setup=${setup} now=${feed.now} />`) : html`<${Desk} setup=${setup} lines=${feed.lines} now=${feed.now} act=${act} />`;
  return html`
    <header class="top">
      <h1>${T('pg_title')}</h1>
      <nav>
        <a href="#/desk" class=${route[0] !== 'cases' ? 'active' : ''}>${T('pg_nav_desk')}</a>
        <a href="#/cases" class=${route[0] === 'cases' ? 'active' : ''}>${T('pg_nav_cases')}</a>
      </nav>
      <${Clock} setup=${setup} now=${feed.now} act=${act} />
    </header>
    ${page}
    ${error && html`<div class="error toast" role="alert">${error}</div>`}
  `;
}

function Clock({ setup, now, act }) {
  const { T, language } = staffWords(setup, null);
  const [busy, setBusy] = useState(false);
  const forward = async (minutes) => {
    setBusy(true);
    await act('clock', { advanceMinutes: minutes });
    setBusy(false);
  };
  return html`<div class="clock" data-testid="clock">
    <time>${now ? fmtTime(now, setup.timeZone, language) : ''}</time>
    ${setup.devClock &&
    html`<span>${T('pg_fast_forward')}</span>
      <button disabled=${busy} onClick=${() => forward(60)}>${T('pg_plus_hours', { n: 1 })}</button>
      <button disabled=${busy} onClick=${() => forward(240)}>${T('pg_plus_hours', { n: 4 })}</button>
      <button disabled=${busy} onClick=${() => forward(1440)}>${T('pg_plus_day')}</button>`}
  </div>`;
}

function Desk({ setup, lines, now, act }) {
  return html`<div class="desk">
    <${CustomerPane} setup=${setup} lines=${lines} act=${act} />
    <${ChannelsPane} setup=${setup} lines=${lines} act=${act} />
    <${InboxPane} setup=${setup} lines=${lines} now=${now} />
  </div>`;
}

// ---------- customer ----------

function CustomerPane({ setup, lines, act }) {
  const [customer, setCustomer] = useState(setup.customers[0]);
  const [text, setText] = useState('');
  const [files, setFiles] = useState([]);
  const audience = `customer:dm-${customer.id}`;
  const mine = lines.filter((l) => l.audience === audience);
  const feedRef = useStickToBottom(mine.length);
  // The customer's language and script: what they last wrote in, before that the one they start in.
  const language = mine.filter((l) => l.kind === 'customer_said' && l.language).at(-1)?.language ?? customer.language;
  const C = setup.customerTexts[language];
  // A draft and its files belong to the customer who wrote them: another customer starts empty.
  const switchTo = (id) => {
    setCustomer(setup.customers.find((c) => c.id === id));
    setText('');
    setFiles([]);
  };
  const send = async (e) => {
    e.preventDefault();
    const attachments = files.map((f) => ({ name: f.name, mimeType: f.type || 'application/octet-stream' }));
    if (await act('customer-messages', { customerId: customer.id, displayName: customer.name, text, attachments })) {
      setText('');
      setFiles([]);
      e.target.reset();
    }
  };
  return html`<section class="pane" data-testid="customer-pane">
    <h2>
      ${C.pane}
      <select aria-label=${C.customer} onChange=${(e) => switchTo(e.target.value)}>
        ${setup.customers.map((c) => html`<option value=${c.id} selected=${c.id === customer.id}>${c.name}</option>`)}
      </select>
    </h2>
    <div class="feed" ref=${feedRef}>
      ${mine.length === 0 && html`<p class="empty">${fill(C.empty, { name: customer.name })}</p>`}
      ${mine.map((l) => html`<${CustomerLine} key=${l.seq} line=${l} customer=${customer} setup=${setup} act=${act} C=${C} language=${language} />`)}
    </div>
    <form class="compose" key=${customer.id} onSubmit=${send}>
      <textarea aria-label=${C.message} placeholder=${C.placeholder} value=${text} onInput=${(e) => setText(e.target.value)}></textarea>
      <div class="row">
        <input type="file" aria-label=${C.attach} multiple onChange=${(e) => setFiles([...e.target.files])} />
        <button class="primary" type="submit" style="margin-left:auto">${C.send}</button>
      </div>
    </form>
  </section>`;
}

function CustomerLine({ line, customer, setup, act, C, language }) {
  if (line.kind === 'customer_said') {
    return html`<div class="msg me">${line.text}${line.attachmentNames?.length ? html`<div class="files">📎 ${line.attachmentNames.join(', ')}</div>` : ''}<span class="meta">${fmtTime(line.at, setup.timeZone, language)}</span></div>`;
  }
  return html`<div class="msg bot">${line.text}${line.answered ? html`<${Answered} card=${line.answered} />` : line.actions && html`<${CustomerButtons} actions=${line.actions} seq=${line.seq} caseId=${line.caseId} customer=${customer} act=${act} C=${C} />`}<span class="meta">${C.desk} · ${fmtTime(line.at, setup.timeZone, language)}</span></div>`;
}

/** An answered card: the answer in the customer's language (from the core), no buttons. */
function Answered({ card }) {
  return html`<div class="answered" data-testid="answered"><strong>${card.answer}</strong>${card.detail && html`<div class="meta">${card.detail}</div>`}</div>`;
}

function CustomerButtons({ actions, seq, caseId, customer, act, C }) {
  const [done, setDone] = useState(null);
  const [rejecting, setRejecting] = useState(false);
  const [comment, setComment] = useState('');
  const [stars, setStars] = useState(0);
  if (done) return html`<${Answered} card=${done} />`;
  // The answer comes back from the desk; the line is marked answered in the transcript too (seen after a reload).
  const answer = async (body) => {
    const r = await act('customer-actions', { customerId: customer.id, messageSeq: seq, ...body });
    if (r?.answered) setDone(r.answered);
    return Boolean(r);
  };
  // The words travelled with the card (the customer's language when it was sent); the pane's catalog otherwise.
  const words = { ...(actions.kind === 'survey' ? C.survey : C.decision), ...actions.labels };
  if (actions.kind === 'case_choice') {
    const choose = (o) => answer({ action: 'choose_case', unfiledId: actions.unfiledId, caseId: o.caseId ?? 'new' });
    return html`<div class="row" role="group" aria-label=${C.whichCase}>${actions.options.map((o) => html`<button class=${o.caseId ? 'primary' : ''} onClick=${() => choose(o)}>${o.label}</button>`)}</div>`;
  }
  if (actions.kind === 'survey') {
    // Stars first, then the comment, then send: choosing a star only chooses it.
    const send = (e) => {
      e.preventDefault();
      if (stars) answer({ action: 'survey', caseId, score: stars, ...(comment.trim() ? { comment } : {}) });
    };
    return html`<form onSubmit=${send} aria-label=${C.surveyForm}>
      <div class="row" role="group" aria-label=${C.rating}>${[1, 2, 3, 4, 5].map((n) => html`<button type="button" class=${n === stars ? 'primary' : ''} aria-pressed=${n === stars} aria-label=${fill(C.rate, { n })} onClick=${() => setStars(n)}>${'★'.repeat(n)}</button>`)}</div>
      <input placeholder=${words.commentPrompt} aria-label=${words.commentPrompt} value=${comment} onInput=${(e) => setComment(e.target.value)} />
      <button type="submit" class="primary" disabled=${!stars}>${words.send ?? C.survey.send}</button>
    </form>`;
  }
  const { solutionId } = actions;
  const accept = () => answer({ action: 'accept', solutionId });
  const reject = async (e) => {
    e.preventDefault();
    await answer({ action: 'reject', solutionId, reason: new FormData(e.target).get('reason') });
  };
  return html`<div>
    <div class="row"><button class="primary" onClick=${accept}>${words.accept}</button><button onClick=${() => setRejecting(true)}>${words.reject}</button></div>
    ${rejecting && html`<form onSubmit=${reject}><textarea name="reason" aria-label=${words.reasonPrompt} placeholder=${words.reasonPrompt} required></textarea><button type="submit">${C.sendRejection}</button></form>`}
  </div>`;
}

// ---------- department channels ----------

function channelsOf(setup, T) {
  const list = setup.departments.map((d) => ({ channel: d.channel, label: `#${d.channel}`, title: `${d.name} · ${d.localName}`, department: d.key }));
  if (setup.escalationChannel) list.push({ channel: setup.escalationChannel, label: `#${setup.escalationChannel}`, title: T('pg_escalations'), department: null });
  return list;
}

/** A channel as Slack would show it: each card once, at its first post, in its latest state, with its thread below. */
function channelView(lines, channel) {
  const items = [];
  const cards = new Map();
  for (const l of lines) {
    if (l.audience !== `channel:${channel}`) continue;
    if (l.kind === 'card_posted' || (l.kind === 'card_updated' && !cards.has(l.caseId))) {
      const item = { type: 'card', seq: l.seq, card: l.card, notes: [] };
      cards.set(l.caseId, item);
      items.push(item);
    } else if (l.kind === 'card_updated') cards.get(l.caseId).card = l.card;
    // The case moved to another department: this card only says where it went.
    else if (l.kind === 'card_moved' && cards.has(l.caseId)) cards.get(l.caseId).moved = l.text;
    else if (l.kind === 'card_note' && cards.has(l.caseId)) cards.get(l.caseId).notes.push(l);
    else items.push({ type: 'message', seq: l.seq, line: l });
  }
  return items;
}

function ChannelsPane({ setup, lines, act }) {
  const [active, setActive] = useState(channelsOf(setup, staffWords(setup, null).T)[0].channel);
  const [seen, setSeen] = useState({});
  const [actor, setActor] = useState({});
  const departmentOf = (channel) => setup.departments.find((d) => d.channel === channel)?.key ?? null;
  const members = setup.staff.filter((s) => s.department === departmentOf(active) || s.role === 'supervisor' || departmentOf(active) === null);
  const actingAs = actor[active] ?? members[0]?.userId ?? setup.staff[0].userId;
  // The pane reads in the language of the staff member it acts as.
  const { T } = staffWords(setup, actingAs);
  const channels = channelsOf(setup, T);
  const current = channels.find((c) => c.channel === active);
  const items = useMemo(() => channelView(lines, active), [lines, active]);
  const feedRef = useStickToBottom(items.length);
  const counts = useMemo(() => {
    const c = {};
    for (const l of lines) if (l.audience.startsWith('channel:') && l.kind !== 'card_note') c[l.audience.slice(8)] = (c[l.audience.slice(8)] ?? 0) + 1;
    return c;
  }, [lines]);
  useEffect(() => setSeen((s) => ({ ...s, [active]: counts[active] ?? 0 })), [active, counts[active]]);
  return html`<section class="pane" data-testid="channels-pane">
    <h2>
      ${T('pg_channels')}
      <label class="acting-as">${T('pg_acting_as')}
        <select aria-label=${T('pg_acting_as')} onChange=${(e) => setActor({ ...actor, [active]: e.target.value })}>
          ${setup.staff.map((s) => html`<option value=${s.userId} selected=${s.userId === actingAs}>${s.name} (${s.role}${s.department ? `, ${s.department}` : ''})</option>`)}
        </select>
      </label>
    </h2>
    <div class="tabs" role="tablist">
      ${channels.map((c) => {
        const unread = (counts[c.channel] ?? 0) - (seen[c.channel] ?? 0);
        return html`<button role="tab" aria-selected=${c.channel === active} class=${c.channel === active ? 'active' : ''} title=${c.title} onClick=${() => setActive(c.channel)}>${c.label}${unread > 0 && c.channel !== active ? html`<span class="count">${unread}</span>` : ''}</button>`;
      })}
    </div>
    <div class="feed" ref=${feedRef} data-testid=${`channel-${active}`}>
      ${items.length === 0 && html`<p class="empty">${T('pg_channel_empty', { channel: current.label, department: current.title })}</p>`}
      ${items.map((i) => (i.type === 'card' ? html`<${CaseCard} key=${i.card.id} card=${i.card} notes=${i.notes} moved=${i.moved} setup=${setup} actor=${actingAs} act=${act} />` : html`<div key=${i.seq} class="msg bot">${i.line.text}<span class="meta">${fmtTime(i.line.at, setup.timeZone)}</span></div>`))}
    </div>
  </section>`;
}

/** A card button's words and its form's field labels come from the desk's staff text catalog, in the reader's language. */
const buttonText = (spec, T) => T(spec.text);

// Every button a card can show, in order; which of them it shows is the bot's answer for the person acting (GET cases/:id/actions).
const CARD_ACTIONS = [
  { action: 'claim', text: 'button_claim' },
  { action: 'ask', text: 'button_ask', fields: [{ name: 'text', label: 'form_question' }] },
  { action: 'update', text: 'button_update', fields: [{ name: 'text', label: 'form_progress' }] },
  { action: 'propose', text: 'button_propose', fields: [{ name: 'type', label: 'form_solution_type', options: (setup) => setup.solutionTypes }, { name: 'amount', label: 'form_amount', type: 'number' }, { name: 'text', label: 'form_offer_message' }] },
  { action: 'reply', text: 'button_reply', fields: [{ name: 'text', label: 'form_message' }] },
  { action: 'approve', text: 'button_approve', direct: (c) => ({ solutionId: c.pendingApproval?.solutionId }) },
  { action: 'resolve', text: 'button_resolve', fields: [{ name: 'text', label: 'form_result' }] },
  { action: 'escalate', text: 'button_escalate', fields: [{ name: 'text', label: 'pg_escalate_reason', optional: true }] },
  { action: 'note', text: 'button_note', fields: [{ name: 'text', label: 'pg_note_text' }] },
  { action: 'close', text: 'button_close' },
  { action: 'reopen', text: 'pg_reopen', fields: [{ name: 'text', label: 'pg_reopen_reason' }] },
  // Who the case can be handed to is the bot's answer (the same list Slack and Teams offer), not the whole staff list.
  { action: 'reassign', text: 'button_reassign', fields: [{ name: 'newOwnerId', label: 'form_new_owner', options: (_setup, viewer) => viewer.reassignCandidates.map((s) => ({ value: s.id, label: s.name })) }] },
  // Corrections of the triage (issue 16.2).
  {
    action: 'recategorize',
    text: 'button_recategorize',
    fields: [
      { name: 'category', label: 'form_category', options: (setup) => setup.categories },
      { name: 'department', label: 'form_move_department', options: (setup, _viewer, T) => [{ value: '', label: T('pg_department_default') }, ...setup.departments.map((d) => ({ value: d.key, label: d.name }))] },
    ],
  },
  // Which of the two urgency buttons fits the card's flags, as on Slack and Teams.
  { action: 'mark_urgent', text: 'button_mark_urgent', when: (c) => !c.urgent || c.possibleUrgent, direct: (c) => ({ caseId: c.id, urgent: true }) },
  { action: 'mark_urgent', key: 'not_urgent', text: 'button_not_urgent', when: (c) => c.urgent || c.possibleUrgent, direct: (c) => ({ caseId: c.id, urgent: false }) },
  { action: 'link', text: 'button_link', fields: [{ name: 'other', label: 'form_other_case', short: true }, { name: 'mode', label: 'form_link_mode', options: (_setup, _viewer, T, card) => [{ value: 'link', label: T('form_link_option') }, { value: 'merge', label: T('form_merge_option', { number: card.number }) }] }] },
];

/** What `viewer` may do to the case now, asked again whenever the card or the viewer changes. */
function useViewerActions(card, viewer) {
  const [answer, setAnswer] = useState({ actions: [], reassignCandidates: [] });
  useEffect(() => {
    let stale = false;
    api(`cases/${encodeURIComponent(card.id)}/actions?viewer=${encodeURIComponent(viewer)}`).then(
      (d) => !stale && setAnswer(d),
      () => !stale && setAnswer({ actions: [], reassignCandidates: [] }),
    );
    return () => (stale = true);
  }, [card, viewer]);
  return answer;
}

function CaseCard({ card, notes, moved, setup, actor, act }) {
  const [open, setOpen] = useState(null);
  const viewer = useViewerActions(card, actor);
  const allowed = viewer.actions;
  const { T } = staffWords(setup, actor);
  if (moved) return html`<article class="card moved" data-case=${card.number} aria-label=${T('pg_case', { number: card.number })}><h3>${card.number}</h3><div data-testid="moved">${moved}</div></article>`;
  const offered = CARD_ACTIONS.filter((a) => allowed.includes(a.action) && (!a.when || a.when(card)));
  const run = async (spec, values = {}) => {
    const body = spec.direct ? { action: spec.action, actor, ...spec.direct(card) } : { action: spec.action, actor, caseId: card.id, ...values };
    if (await act('staff-actions', body)) setOpen(null);
  };
  const submit = (spec) => (e) => {
    e.preventDefault();
    const values = Object.fromEntries([...new FormData(e.target)].filter(([, v]) => v !== ''));
    run(spec, values);
  };
  const overdue = card.dueTimes.filter((d) => d.overdue);
  return html`<article class=${`card${card.urgent ? ' urgent' : ''}`} data-case=${card.number} aria-label=${T('pg_case', { number: card.number })}>
    <h3>
      <a href=${`#/cases/${card.number}`}>${card.number}</a>
      <span class="status">${card.statusLabel}</span>
      ${card.urgent && html`<span class="badge urgent">${card.words.urgency}</span>`}
      ${card.possibleUrgent && !card.urgent && html`<span class="badge urgent" data-testid="possible-urgent">${T('pg_possible_urgent')}</span>`}
      ${card.words.escalated && html`<span class="badge">${card.words.escalated}</span>`}
      ${overdue.length > 0 && html`<span class="badge overdue">🔥 ${overdue.map((d) => `${d.name}: ${d.timeLeft}`).join(', ')}</span>`}
    </h3>
    <div>${card.summary}</div>
    <dl>
      <dt>${T('card_category')}</dt><dd>${card.category ?? '—'} → ${card.departmentName ?? '—'}</dd>
      <dt>${T('card_customer')}</dt><dd>${card.customerName}${card.customerContact ? ` · ${card.customerContact}` : ''}</dd>
      <dt>${T('card_order_number')}</dt><dd>${card.orderNumber ?? '—'}</dd>
      <dt>${T('card_customer_wants')}</dt><dd>${card.desiredOutcome ?? '—'}${card.amountText ? ` (${card.amountText})` : ''}</dd>
      <dt>${T('card_owner')}</dt><dd data-testid="owner">${card.words.owner}</dd>
      <dt>${T('card_evidence')}</dt><dd>${card.words.evidence}${card.evidenceMissing.length ? html` · <em>${T('card_missing')}: ${card.evidenceMissing.join(', ')}</em>` : ''}</dd>
      ${card.dueTimes[0] && html`<dt>${T('card_due')}</dt><dd>${card.dueTimes[0].name} · ${card.dueTimes[0].label}</dd>`}
      ${card.pendingApproval && html`<dt>${T('card_awaiting_approval')}</dt><dd>${card.pendingApproval.description}</dd>`}
      ${card.openSolution && html`<dt>${T('pg_offered')}</dt><dd>${card.openSolution.description}</dd>`}
      ${card.satisfactionScore && html`<dt>${T('pg_satisfaction')}</dt><dd>${'★'.repeat(card.satisfactionScore)}</dd>`}
      ${card.words.lastTold && html`<dd>${card.words.lastTold}</dd>`}
      ${card.pendingQuestion && html`<dt>${T('pg_waiting_answer')}</dt><dd>${card.pendingQuestion}</dd>`}
      ${card.mergedIntoNumber ? html`<dt>${T('pg_merged_into')}</dt><dd>${card.mergedIntoNumber}</dd>` : card.relatedCaseNumber && html`<dt>${T('pg_related_to')}</dt><dd>${card.relatedCaseNumber}</dd>`}
      ${card.earlierMessages?.length > 0 && html`<dt>${T('pg_earlier_messages')}</dt><dd>${card.earlierMessages.map((m) => `“${m}”`).join(' · ')}</dd>`}
    </dl>
    ${offered.length > 0 &&
    html`<div class="actions" data-testid="card-actions">
      ${offered.map((a) => html`<button class=${a.action === 'claim' ? 'primary' : ''} onClick=${() => (a.fields ? setOpen(open === a.action ? null : a.action) : run(a))}>${buttonText(a, T)}</button>`)}
    </div>`}
    ${open && allowed.includes(open) && html`<${ActionForm} key=${open} spec=${CARD_ACTIONS.find((a) => a.action === open)} setup=${setup} viewer=${viewer} card=${card} T=${T} onSubmit=${submit} />`}
    ${notes.length > 0 && html`<div class="notes">${notes.map((n) => html`<div key=${n.seq}>${fmtTime(n.at, setup.timeZone, staffWords(setup, actor).language)} · ${n.text}</div>`)}</div>`}
  </article>`;
}

function ActionForm({ spec, setup, viewer, card, T, onSubmit }) {
  const optionsOf = (f) => f.options(setup, viewer, T, card).map((o) => (typeof o === 'string' ? { value: o, label: o } : o));
  return html`<form onSubmit=${onSubmit(spec)} aria-label=${buttonText(spec, T)}>
    ${spec.fields.map((field) => ({ ...field, label: T(field.label, { number: card.number }) })).map((f) =>
      f.options
        ? html`<label>${f.label} <select name=${f.name} aria-label=${f.label}>${optionsOf(f).map((o) => html`<option value=${o.value}>${o.label}</option>`)}</select></label>`
        : f.short
          ? html`<input name=${f.name} aria-label=${f.label} placeholder=${f.label} required />`
          : f.type === 'number'
          ? html`<input name=${f.name} type="number" min="0" step="0.01" placeholder=${f.label} aria-label=${f.label} />`
          : html`<textarea name=${f.name} aria-label=${f.label} placeholder=${f.label} required=${!f.optional}></textarea>`,
    )}
    <button class="primary" type="submit">${buttonText(spec, T)}</button>
  </form>`;
}

// ---------- staff and supervisor inbox ----------

function InboxPane({ setup, lines, now }) {
  const supervisor = setup.staff.find((s) => s.role === 'supervisor');
  const [who, setWho] = useState(supervisor?.userId ?? 'all');
  const dms = lines.filter((l) => l.audience.startsWith('dm:') && (who === 'all' || l.audience === `dm:${who}`));
  // Messages held for quiet hours are not delivered yet: shown as the case page shows them, asked again as time or the inbox moves.
  const [held, setHeld] = useState([]);
  const minute = now ? String(now).slice(0, 16) : '';
  useEffect(() => void api('held').then((d) => setHeld(d.held), () => {}), [minute, lines.length]);
  const waiting = held.filter((m) => who === 'all' || m.to === who);
  const feedRef = useStickToBottom(dms.length + waiting.length);
  const nameOf = (userId) => setup.staff.find((s) => s.userId === userId)?.name ?? userId;
  // The inbox reads in its owner's language; "everyone" in the desk's.
  const { T, language } = staffWords(setup, who);
  return html`<section class="pane" data-testid="inbox-pane">
    <h2>
      ${who === supervisor?.userId ? T('pg_supervisor_inbox') : T('pg_staff_inbox')}
      <select aria-label=${T('pg_whose_inbox')} onChange=${(e) => setWho(e.target.value)}>
        <option value="all" selected=${who === 'all'}>${T('pg_everyone')}</option>
        ${setup.staff.map((s) => html`<option value=${s.userId} selected=${s.userId === who}>${s.name} (${s.role})</option>`)}
      </select>
    </h2>
    <div class="feed" ref=${feedRef}>
      ${dms.length === 0 && html`<p class="empty">${T('pg_inbox_empty')}</p>`}
      ${dms.map((l) => html`<div key=${l.seq} class="msg bot"><strong>→ ${nameOf(l.audience.slice(3))}</strong>\n${l.text}<span class="meta">${fmtTime(l.at, setup.timeZone, language)}</span></div>`)}
      ${waiting.map((m) => html`<div key=${`held-${m.caseId}-${m.until}-${m.to}`} class="msg bot held" data-testid="held-message"><strong>⏸ → ${m.to ? nameOf(m.to) : '—'}</strong>\n${m.text}</div>`)}
    </div>
  </section>`;
}

// ---------- case list and case page ----------

function CaseList({ setup, now }) {
  const [filter, setFilter] = useState({ status: '', department: '', urgent: '', overdue: '', owner: '', sort: '', q: '', viewer: setup.staff[0].userId });
  const [cases, setCases] = useState(null);
  const [error, setError] = useState(null);
  // The bot filters, searches and sorts; "mine" is the cases of the person viewing, and the list reads in their language.
  const query = new URLSearchParams(Object.entries(filter).filter(([, v]) => v !== '')).toString();
  const { T, language } = staffWords(setup, filter.viewer);
  useEffect(() => void api(`cases?${query}`).then((d) => (setCases(d.cases), setError(null)), (e) => setError(e.message)), [query, now]);
  const set = (key) => (e) => setFilter({ ...filter, [key]: e.target.value });
  const choice = (key, label, options, none = T('pg_any')) => html`<label>${label} <select aria-label=${label} onChange=${set(key)}>${[['', none], ...options].map(([v, l]) => html`<option value=${v} selected=${filter[key] === v}>${l}</option>`)}</select></label>`;
  return html`<div class="cases">
    <div class="filters">
      <label>${T('pg_me')} <select aria-label=${T('pg_me')} onChange=${set('viewer')}>${setup.staff.map((st) => html`<option value=${st.userId} selected=${filter.viewer === st.userId}>${st.name}</option>`)}</select></label>
      <label>${T('pg_search')} <input type="search" aria-label=${T('pg_search')} placeholder=${T('pg_search_hint')} value=${filter.q} onInput=${set('q')} /></label>
      ${choice('owner', T('card_owner'), [['mine', T('pg_mine')], ['unassigned', T('pg_unassigned')]])}
      ${choice('sort', T('pg_sort'), [['next_due', T('pg_sort_next_due')]], T('pg_sort_newest'))}
      ${choice('status', T('card_status'), setup.statuses.map((s) => [s.status, s.label[language]]))}
      ${choice('department', T('pg_department'), setup.departments.map((d) => [d.key, d.name]))}
      ${choice('urgent', T('card_urgency'), [['true', T('pg_urgent')], ['false', T('pg_normal')]])}
      ${choice('overdue', T('pg_overdue'), [['true', T('pg_overdue_yes')], ['false', T('pg_on_time')]])}
    </div>
    ${error && html`<p class="error">${error}</p>`}
    <table data-testid="case-list" class="case-list">
      <thead><tr><th>${T('pg_col_case')}</th><th>${T('card_status')}</th><th>${T('pg_department')}</th><th>${T('card_owner')}</th><th>${T('pg_col_summary')}</th><th>${T('pg_col_next_due')}</th></tr></thead>
      <tbody>
        ${cases?.length === 0 && html`<tr><td colspan="6" class="empty">${T('pg_no_match')}</td></tr>`}
        ${cases?.map((c) => html`<tr key=${c.id}>
          <td><a href=${`#/cases/${c.number}`}>${c.number}</a> ${c.urgent && html`<span class="badge urgent">${T('card_urgent')}</span>`}</td>
          <td data-label=${T('card_status')}>${c.statusLabel}</td><td data-label=${T('pg_department')}>${c.departmentName ?? '—'}</td><td data-label=${T('card_owner')}>${c.ownerName ?? T('card_unclaimed')}</td><td>${c.summary}</td>
          <td data-label=${T('pg_col_next_due')}>${c.nextDue ? `${c.nextDue.name} · ${fmtTime(c.nextDue.dueAt, setup.timeZone, language)}` : '—'} ${c.overdueClocks.length > 0 && html`<span class="badge overdue">${T('pg_overdue_yes')}</span>`}</td>
        </tr>`)}
      </tbody>
    </table>
  </div>`;
}

function CasePage({ ref_, setup, now }) {
  const [data, setData] = useState(null);
  const [error, setError] = useState(null);
  // The audit trail reads in the viewer's staff language, as each staff member would see it.
  const [viewer, setViewer] = useState(setup.staff[0].userId);
  useEffect(() => void api(`cases/${encodeURIComponent(ref_)}?viewer=${encodeURIComponent(viewer)}`).then(setData, (e) => setError(e.message)), [ref_, now, viewer]);
  const { T, language } = staffWords(setup, viewer);
  if (error) return html`<p class="error">${error}</p>`;
  if (!data) return html`<p class="loading">${T('pg_loading_case', { number: ref_ })}</p>`;
  const { view, messages, solutions, audit } = data;
  const t = (iso) => fmtTime(iso, setup.timeZone, language);
  return html`<div class="case-page">
    <section>
      <h2>${view.number} · ${view.statusLabel} ${view.urgent && html`<span class="badge urgent">${view.words.urgency}</span>`}</h2>
      <label>${T('pg_read_as')} <select aria-label=${T('pg_read_as')} onChange=${(e) => setViewer(e.target.value)}>${setup.staff.map((st) => html`<option value=${st.userId} selected=${viewer === st.userId}>${st.name}</option>`)}</select></label>
      <p>${view.summary}</p>
      <p>${view.category ?? '—'} → ${view.departmentName ?? '—'} · ${T('card_owner')} ${view.words.owner} · ${T('card_order_number')} ${view.orderNumber ?? '—'}</p>
      <h3>${T('pg_conversation')}</h3>
      ${messages.map((m) => html`<div class=${`msg ${m.authorKind === 'customer' ? 'me' : 'bot'}`}>${m.direction === 'internal' ? '🔒 ' : ''}${m.text}<span class="meta">${m.authorKind === 'staff' ? (setup.staff.find((st) => st.id === m.authorId)?.name ?? m.authorId) : T(m.authorKind === 'customer' ? 'pg_author_customer' : 'pg_author_bot')} · ${t(m.createdAt)}</span></div>`)}
      ${solutions.length > 0 && html`<h3>${T('pg_solutions')}</h3><ul>${solutions.map((s) => html`<li>${s.type}${s.amount ? ` ${s.amount} ${s.currency ?? ''}` : ''}: ${s.text} — <strong>${s.status}</strong>${s.rejectionReason ? ` (${s.rejectionReason})` : ''}</li>`)}</ul>`}
    </section>
    <section>
      <h3>${T('pg_audit')}</h3>
      <ol class="timeline" data-testid="audit-timeline">
        ${audit.map((a) => html`<li key=${a.id} data-type=${a.type}><time>${a.when}</time><strong>${a.who}</strong> ${a.text}</li>`)}
      </ol>
    </section>
  </div>`;
}

render(html`<${App} />`, document.getElementById('app'));
