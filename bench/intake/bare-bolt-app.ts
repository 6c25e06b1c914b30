/**
 * The framework's own limit: a Bolt app that verifies signatures and acknowledges, nothing
 * more. Same receiver and Node version as the desk, so the ratio compares like with like.
 *   PORT=... SLACK_SIGNING_SECRET=... tsx bench/intake/bare-bolt-app.ts
 */
import bolt from '@slack/bolt';

const { App, HTTPReceiver, LogLevel } = bolt;
const receiver = new HTTPReceiver({ signingSecret: process.env.SLACK_SIGNING_SECRET ?? 'bench-secret', endpoints: '/slack/events' });
const app = new App({
  receiver,
  token: 'xoxb-bench',
  botId: 'B0BENCH',
  botUserId: 'U0BOT',
  tokenVerificationEnabled: false,
  logLevel: LogLevel.ERROR,
});
app.message(async () => {});
await app.start(Number(process.env.PORT ?? 3999));
console.log('ready');
