// Runs the real `triage` command in a child process: the contract other tools depend on.
import { spawnSync } from 'node:child_process';
import { expect, it } from 'vitest';

it('answers one JSON line per input line, in order, and reports bad lines without stopping', () => {
  const input = [
    JSON.stringify({ id: 'a', text: '我的快递丢了，单号 SF1234567890，要求赔偿' }),
    'not json',
    JSON.stringify({ id: 'b' }),
    '',
    JSON.stringify({ id: 'c', text: 'Thanks!' }),
    JSON.stringify({ id: 'd', text: 'The heater sparks, order H-77821' }),
    JSON.stringify({ id: 'e', text: 'The wool jumper is a bit itchy on the neck, order H-77822' }),
  ].join('\n');
  const run = spawnSync('npx', ['tsx', 'src/cli/triage.ts'], { input, encoding: 'utf8' });
  expect(run.status).toBe(0);
  const lines = run.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
  expect(lines).toHaveLength(6);
  expect(lines[0]).toEqual({
    id: 'a',
    language: 'zh-Hans',
    isComplaint: true,
    category: 'logistics',
    urgent: false,
    orderNumber: 'SF1234567890',
    desiredOutcome: 'compensation',
    amount: null,
    possibleUrgent: false,
    cues: expect.any(Array),
  });
  expect(lines[1]).toMatchObject({ error: expect.stringContaining('invalid JSON') });
  expect(lines[2]).toMatchObject({ id: 'b', error: expect.stringContaining('text') });
  expect(lines[3]).toMatchObject({ id: 'c', isComplaint: false, category: null });
  expect(lines[4]).toMatchObject({ id: 'd', urgent: true, possibleUrgent: false, category: 'product', orderNumber: 'H-77821' });
  expect(lines[5]).toMatchObject({ id: 'e', urgent: false, possibleUrgent: true, orderNumber: 'H-77822' });
}, 120_000);
