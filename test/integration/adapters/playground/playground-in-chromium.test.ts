import { existsSync, mkdirSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { MONDAY_10AM_SHANGHAI } from '../../../helpers/desk-harness.js';
import { withPlayground } from '../../../helpers/playground-fixture.js';

/**
 * The playground end to end in Debian's headless Chromium, against the real HTTP server,
 * durable inbox, desk core, outbox and SLA scheduler on PGlite. Time only moves when the page's
 * fast-forward buttons move it. Screenshots go to test-artifacts/playground/.
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARTIFACTS = 'test-artifacts/playground';
const missingBrowser = !existsSync(CHROMIUM);
if (missingBrowser && process.env.CI) throw new Error(`${CHROMIUM} is missing: .ci/run installs Debian's chromium for this test`);

describe.skipIf(missingBrowser)('playground in headless Chromium (real HTTP server, inbox, desk, outbox, scheduler on PGlite)', () => {
  const playground = withPlayground({ startAt: MONDAY_10AM_SHANGHAI });
  let browser: Browser;
  let page: Page;
  const apiFailures: string[] = [];

  beforeAll(async () => {
    playground.runtime.inboxWorker.start();
    playground.runtime.outbox.start();
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    });
    page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    // Every refused API call is a bug in this scenario: collect them with the bot's reason.
    page.on('pageerror', (e) => apiFailures.push(`page error: ${e.message}`));
    page.on('response', async (r) => {
      if (r.url().includes('/playground/api/') && !r.ok()) apiFailures.push(`${r.request().method()} ${r.url()} → ${r.status()} ${await r.text().catch(() => '')}`);
    });
    mkdirSync(ARTIFACTS, { recursive: true });
  });

  afterEach(async (t) => {
    if (t.task.result?.state === 'fail') await page?.screenshot({ path: `${ARTIFACTS}/failure.png` }).catch(() => {});
  });

  afterAll(async () => {
    await browser?.close();
  });

  const customerPane = () => page.getByTestId('customer-pane');
  const qualityChannel = () => page.getByTestId('channel-quality');
  const card = (): Locator => qualityChannel().locator('article[data-case]').first();
  const shot = (name: string) => page.screenshot({ path: `${ARTIFACTS}/${name}.png` });

  // The customer pane speaks the customer's language and script (the desk's customer catalog).
  const COMPOSE = {
    'zh-Hans': { message: '发给客服的消息', attach: '添加附件', send: '发送' },
    'zh-Hant': { message: '發給客服的訊息', attach: '附加檔案', send: '傳送' },
    en: { message: 'Message to the desk', attach: 'Attach a file', send: 'Send' },
  } as const;

  async function customerSays(text: string, file?: { name: string; mimeType: string }, language: keyof typeof COMPOSE = 'zh-Hans') {
    const words = COMPOSE[language];
    await customerPane().getByLabel(words.message).fill(text);
    if (file) await customerPane().getByLabel(words.attach).setInputFiles({ ...file, buffer: Buffer.from('not really a photo') });
    await customerPane().getByRole('button', { name: words.send, exact: true }).click();
  }

  async function cardAction(button: string, fields: Record<string, string> = {}) {
    await card().getByRole('button', { name: button, exact: true }).click();
    const form = card().getByRole('form', { name: button });
    for (const [label, value] of Object.entries(fields)) {
      const field = form.getByLabel(label);
      if ((await field.evaluate((el) => el.tagName)) === 'SELECT') await field.selectOption(value);
      else await field.fill(value);
    }
    await form.getByRole('button', { name: button }).click();
  }

  it('plays a complaint from first message to survey, and a fast-forward brings the owner a nudge', { timeout: 120_000 }, async () => {
    await page.goto(playground.base);
    await expect.poll(() => page.getByRole('heading', { name: /Complaint Desk/ }).isVisible()).toBe(true);

    // Complaint → the bot confirms the case and asks for the first missing piece of evidence.
    await customerSays('我上周买的电水壶用了两天就漏水了，订单号 20261116-8871，希望给我换一个新的。');
    await customerPane().getByText('请上传一张能看清问题的照片').waitFor();
    await expect.poll(() => customerPane().getByText(/案件编号 CMP-20261123-\d{4}/).count()).toBe(1);
    await shot('01-evidence-question');

    // Answers: a photo, then a phone number; the case is routed to Product Quality.
    await customerSays('照片在这里', { name: 'leak.jpg', mimeType: 'image/jpeg' });
    await customerPane().getByText('请留下一个方便联系您的电话或邮箱').waitFor();
    await customerSays('电话 13812345678');
    await customerPane().getByText(/已转交产品质量部处理/).waitFor();
    await card().waitFor();
    await expect.poll(() => card().textContent()).toContain('Unclaimed');
    // The department sees the contact masked and the photo as evidence.
    expect(await card().textContent()).toContain('138****5678');
    expect(await card().textContent()).toContain('leak.jpg');
    expect(await page.getByTestId('channel-logistics').count()).toBe(0); // only the active channel is rendered
    await shot('02-card-in-quality');

    // Wang Fang (the first member of Quality, preselected in "Acting as") claims and updates.
    await card().getByRole('button', { name: 'Claim' }).click();
    await expect.poll(() => card().getByTestId('owner').textContent()).toBe('王芳');
    await customerPane().getByText(/由 王芳 负责跟进/).waitFor();
    await cardAction('Post update', { 'Progress on': '已联系仓库核对同批次产品，今天内给您方案。' });
    await customerPane().getByText(/进展：已联系仓库核对同批次产品/).waitFor();

    // A day and an hour pass without another update: the scheduler nudges the owner.
    await page.getByRole('button', { name: '+1 day' }).click();
    await page.getByRole('button', { name: '+1 h' }).click();
    const inbox = page.getByTestId('inbox-pane');
    await inbox.getByLabel('Whose inbox').selectOption('wang-fang');
    await expect.poll(() => inbox.locator('.msg').filter({ hasText: /CMP-20261123-\d{4}/ }).count()).toBeGreaterThan(0);
    await shot('03-nudge-after-fast-forward');

    // Solution → the customer accepts → resolved → survey.
    await cardAction('Propose solution', { 'Solution for': 'replacement', 'Message to the customer': '为您免费更换新水壶，并承担往返运费。' });
    await expect.poll(() => card().textContent()).toContain('Solution proposed');
    const offer = customerPane().locator('.msg').filter({ hasText: '我们提出以下解决方案' });
    // The buttons are in the customer's words; once answered, the card shows the answer instead.
    await offer.getByRole('button', { name: '接受', exact: true }).click();
    await customerPane().getByText(/感谢确认/).waitFor();
    await offer.getByTestId('answered').getByText('✅ 您已接受该方案').waitFor();
    expect(await offer.getByRole('button').count()).toBe(0);
    // A reload draws the line from the transcript: still answered, still no buttons.
    await page.reload();
    await offer.getByTestId('answered').getByText('✅ 您已接受该方案').waitFor();
    expect(await offer.getByRole('button').count()).toBe(0);
    await expect.poll(() => card().textContent()).toContain('Agreed');
    await cardAction('Resolve', { 'Result for': '新水壶已签收，旧水壶已回收。' });
    await customerPane().getByText(/已处理完毕：新水壶已签收/).waitFor();
    const survey = customerPane().locator('.msg').filter({ hasText: '请为案件' });
    // Stars first, the comment after them, then send: choosing a star sends nothing yet.
    await survey.getByRole('button', { name: '评 5 分' }).click();
    await survey.getByLabel('意见（可选）').fill('处理很快，谢谢！');
    expect(await survey.getByTestId('answered').count()).toBe(0);
    await survey.getByRole('button', { name: '提交评价' }).click();
    await customerPane().getByText(/感谢您的评价/).waitFor();
    await expect.poll(() => card().textContent()).toContain('Closed');
    await shot('04-closed-after-survey');

    // The case list filters, and the case page shows the audit timeline.
    await page.getByRole('link', { name: 'Cases' }).click();
    const list = page.getByTestId('case-list');
    await expect.poll(() => list.locator('tbody tr').filter({ hasText: 'CMP-' }).count()).toBe(1);
    await page.getByLabel('Status').selectOption('routed');
    await list.getByText('No cases match.').waitFor();
    await page.getByLabel('Status').selectOption('closed');
    await page.getByLabel('Department').selectOption('quality');
    await list.getByRole('link', { name: /CMP-/ }).click();
    const timeline = page.getByTestId('audit-timeline');
    await timeline.locator('li[data-type="survey_answered"]').waitFor();
    for (const type of ['case_created', 'evidence_added', 'routed', 'claimed', 'update_posted', 'solution_proposed', 'solution_accepted', 'resolved']) {
      expect(await timeline.locator(`li[data-type="${type}"]`).count(), type).toBeGreaterThan(0);
    }
    // In words, by name, at the desk's time (Shanghai), not as raw event types.
    expect(await timeline.locator('li[data-type="claimed"]').first().textContent()).toMatch(/^Mon 23 Nov, \d\d:\d\d王芳 claimed the case/);
    expect(await timeline.locator('li[data-type="survey_answered"]').first().textContent()).toContain('The customer rated the handling 5/5');
    await shot('05-case-page-audit');
    // Read as a staff member whose language is Simplified Chinese, the same trail is in Chinese.
    await page.getByLabel('Read as').selectOption({ label: '吴昊' });
    await expect.poll(() => timeline.locator('li[data-type="claimed"]').first().textContent()).toMatch(/王芳 ?认领了案件/);
    // The page's own words follow the reader too.
    await page.getByRole('heading', { name: '操作记录' }).waitFor();
    await page.getByLabel('以谁的身份阅读').selectOption({ label: '王芳' });
    await page.getByRole('heading', { name: 'Audit timeline' }).waitFor();
    expect(apiFailures).toEqual([]);
  });

  it('at 390 px: nothing wider than the phone, cards offer only what the person acting may do, forms start empty', { timeout: 120_000 }, async () => {
    // The first case is closed by now: this one is the newest card in the channel.
    const newCard = () => qualityChannel().locator('article[data-case]').last();
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${playground.base}#/desk`);
    // Evaluated in the page (a string: the test's TypeScript has no DOM types).
    const fits = async () => page.evaluate<boolean>('document.documentElement.scrollWidth <= window.innerWidth');
    // Each customer's pane in their own language and script, before they write and after.
    // A draft written as one customer does not turn up as another's.
    await customerPane().getByLabel('发给客服的消息').fill('这是张丽的草稿');
    await customerPane().getByLabel('客户', { exact: true }).selectOption('emma-clark');
    expect(await customerPane().getByLabel('Message to the desk').inputValue()).toBe('');
    await customerPane().getByLabel('Customer', { exact: true }).selectOption('chan-tai-man');
    await customerSays('我買的電熱水壺用了兩天就漏水了，訂單號 20261116-8871，希望換一個新的。', undefined, 'zh-Hant');
    await customerPane().getByText(/案件編號 CMP-/).waitFor();
    await customerSays('13812345678', { name: 'leak.jpg', mimeType: 'image/jpeg' }, 'zh-Hant');
    await newCard().waitFor();
    expect(await fits()).toBe(true);
    await shot('06-phone-desk');

    // Unclaimed, seen by the department's agent: Claim, no Propose or Resolve. Another department's agent: no buttons. No Approve for agents.
    const buttons = () => newCard().getByTestId('card-actions').getByRole('button');
    await expect.poll(() => buttons().allTextContents()).toContain('Claim');
    expect(await buttons().allTextContents()).not.toContain('Propose solution');
    expect(await buttons().allTextContents()).not.toContain('Resolve');
    const actingAs = page.getByTestId('channels-pane').getByLabel('Acting as');
    await actingAs.selectOption('li-na');
    await expect.poll(() => newCard().getByTestId('card-actions').count()).toBe(0);
    await actingAs.selectOption('wang-fang');
    await newCard().getByRole('button', { name: 'Claim' }).click();
    await expect.poll(() => buttons().allTextContents()).toContain('Propose solution');
    expect(await buttons().allTextContents()).not.toContain('Approve solution');

    // Text typed for one action does not turn up in another's form.
    await newCard().getByRole('button', { name: 'Ask customer', exact: true }).click();
    await newCard().getByRole('form', { name: 'Ask customer' }).getByLabel('Question for the customer').fill('水壶是在哪里买的？');
    await newCard().getByRole('button', { name: 'Post update', exact: true }).click();
    expect(await newCard().getByRole('form', { name: 'Post update' }).getByLabel('Progress on').inputValue()).toBe('');
    expect(await fits()).toBe(true);

    // Acting as a staff member who reads Simplified Chinese, the channel pane's own words are in Chinese.
    await actingAs.selectOption('wu-hao');
    const channels = page.getByTestId('channels-pane');
    await channels.getByRole('heading', { name: /部门频道/ }).waitFor();
    await channels.getByLabel('当前身份').selectOption('wang-fang');
    await channels.getByRole('heading', { name: /Department channels/ }).waitFor();

    // The case list on the phone: search, mine, sort; rows stack instead of overflowing.
    await page.getByRole('link', { name: 'Cases' }).click();
    const list = page.getByTestId('case-list');
    await page.getByLabel('Owner').selectOption('mine');
    await page.getByLabel('Me', { exact: true }).selectOption('wang-fang');
    await page.getByLabel('Sort').selectOption('next_due');
    // Both cases are Wang Fang's (the first one closed): the open one, with a running clock, comes first.
    await expect.poll(() => list.locator('tbody tr').filter({ hasText: 'CMP-' }).count()).toBe(2);
    expect(await list.locator('tbody tr').first().textContent()).toContain('Claimed');
    await page.getByLabel('Owner').selectOption('unassigned');
    await list.getByText('No cases match.').waitFor();
    await page.getByLabel('Owner').selectOption('');
    await page.getByLabel('Search').fill('nothing like this');
    await list.getByText('No cases match.').waitFor();
    await page.getByLabel('Search').fill('');
    await expect.poll(() => list.locator('tbody tr').filter({ hasText: 'CMP-' }).count()).toBe(2);
    expect(await fits()).toBe(true);
    await shot('07-phone-case-list');
    await list.getByRole('link', { name: /CMP-/ }).first().click();
    await page.getByTestId('audit-timeline').locator('li[data-type="claimed"]').waitFor();
    expect(await fits()).toBe(true);
    await shot('08-phone-case-page');
    expect(apiFailures).toEqual([]);
  });
});
