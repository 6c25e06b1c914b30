import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/shared/logger.js';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(chunk.toString('utf8'));
      done();
    },
  });
  return { lines, logger: createLogger('info', stream) };
}

describe('logs', () => {
  it('mask personal data in fields, nested objects, errors and the message', () => {
    const { lines, logger } = capture();
    const err = Object.assign(new Error('send failed for zhang.wei@example.com'), { request: { body: '{"text":"电话 13812345678"}' } });
    logger.warn({ err, activity: { text: 'card 6222021001116245702', order: 'K-20261' } }, 'delivery to +86 139 0000 1111 failed');
    const line = lines.join('');
    for (const raw of ['zhang.wei@example.com', '13812345678', '6222021001116245702', '139 0000 1111']) expect(line).not.toContain(raw);
    for (const shown of ['z***@example.com', '138****5678', '6222****5702', '+86 139****1111', 'K-20261']) expect(line).toContain(shown);
    expect(JSON.parse(line)).toMatchObject({ level: 40, err: { type: 'Error' }, msg: 'delivery to +86 139****1111 failed' });
  });

  it('still redacts secrets and contacts by name', () => {
    const { lines, logger } = capture();
    logger.info({ slack: { token: 'xoxb-1', contact: 'someone' } }, 'configured');
    expect(JSON.parse(lines[0]!).slack).toEqual({ token: '[redacted]', contact: '[redacted]' });
  });
});
