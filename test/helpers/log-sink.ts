import { Writable } from 'node:stream';
import pino from 'pino';

export interface LogLine {
  level: number;
  msg: string;
  [field: string]: unknown;
}

export interface LogSink {
  /** A pino logger whose JSON lines land in `lines`; pass it where the bot takes its logger. */
  logger: pino.Logger;
  readonly lines: LogLine[];
  messages(): string[];
  /** Messages at warn (40) and above: what an operator would be alerted by. */
  warnings(): string[];
  /** Called after each line is added (to wait for a line without polling). */
  onLine(listener: () => void): void;
}

/** Captures what the bot logs, parsed, so tests can assert on the lines an operator would read. */
export function createLogSink(level = 'info'): LogSink {
  const lines: LogLine[] = [];
  let listener: () => void = () => {};
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as LogLine);
      listener();
      done();
    },
  });
  return {
    logger: pino({ level }, stream),
    lines,
    messages: () => lines.map((l) => l.msg),
    warnings: () => lines.filter((l) => l.level >= 40).map((l) => l.msg),
    onLine: (l) => {
      listener = l;
    },
  };
}
