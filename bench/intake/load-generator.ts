/**
 * Load generator, run as its own process so it does not share an event loop with the bot:
 * sends correctly signed Slack message events at a fixed rate for a bounded time and prints
 * one JSON line with the acknowledgement latencies. Several comma-separated URLs (replicas)
 * get the requests round-robin, as a load balancer would spread them.
 *   tsx bench/intake/load-generator.ts <url[,url…]> <rate/s> <seconds> <secret> [customers] [customer tag]
 */
import { Agent, request } from 'node:http';
import { slackDmEvent, slackSignatureHeaders } from '../../support/slack-signing.js';

const [url = '', rateArg = '500', secondsArg = '3', secret = 'bench-secret', customersArg = '500', tag = ''] = process.argv.slice(2);
const rate = Number(rateArg);
const seconds = Number(secondsArg);
const customers = Number(customersArg);
const targets = url.split(',').map((u) => new URL(u));
const agent = new Agent({ keepAlive: true, maxSockets: 64 });
const texts = [
  'My order ORD-{n} arrived broken, the screen is cracked. I want a replacement.',
  '我的订单 {n} 三周了还没到，快递一直不更新，请尽快处理！',
  '訂單 {n} 重複扣款兩次，請退還多收的錢。',
  'The courier was rude and threw parcel {n} over the fence.',
];

interface Result {
  latencies: number[];
  statuses: Record<string, number>;
  errors: number;
  sent: number;
}

function send(i: number, result: Result): Promise<void> {
  const body = slackDmEvent({ userId: `UCUST${tag}${i % customers}`, channel: `DCUST${tag}${i % customers}`, text: texts[i % texts.length]!.replace('{n}', String(100000 + i)) });
  const headers = { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...slackSignatureHeaders(secret, body) };
  const target = targets[i % targets.length]!;
  const started = performance.now();
  return new Promise((resolve) => {
    const req = request({ host: target.hostname, port: target.port, path: target.pathname, method: 'POST', headers, agent, timeout: 10_000 }, (res) => {
      res.resume();
      res.on('end', () => {
        result.latencies.push(performance.now() - started);
        result.statuses[res.statusCode ?? 0] = (result.statuses[res.statusCode ?? 0] ?? 0) + 1;
        resolve();
      });
    });
    req.on('error', () => {
      result.errors++;
      resolve();
    });
    req.on('timeout', () => req.destroy());
    req.end(body);
  });
}

async function main(): Promise<void> {
  const result: Result = { latencies: [], statuses: {}, errors: 0, sent: 0 };
  const total = Math.round(rate * seconds);
  const inflight: Promise<void>[] = [];
  const start = performance.now();
  // Open-loop: requests leave on schedule whether or not earlier ones were answered.
  for (let i = 0; i < total; i++) {
    const due = start + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    inflight.push(send(i, result));
    result.sent++;
  }
  await Promise.all(inflight);
  const elapsed = (performance.now() - start) / 1000;
  const sorted = [...result.latencies].sort((a, b) => a - b);
  const pct = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
  console.log(
    JSON.stringify({
      rate,
      sent: result.sent,
      answered: sorted.length,
      errors: result.errors,
      statuses: result.statuses,
      elapsedSeconds: elapsed,
      achievedPerSecond: sorted.length / elapsed,
      p50: pct(50),
      p99: pct(99),
      max: sorted.at(-1) ?? NaN,
    }),
  );
  agent.destroy();
}

await main();
