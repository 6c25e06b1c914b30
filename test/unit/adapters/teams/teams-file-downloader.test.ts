import { describe, expect, it } from 'vitest';
import { sendsBotToken } from '../../../../src/adapters/teams/teams-file-downloader.js';

const SERVICE_URL = 'https://smba.trafficmanager.net/emea/';

describe('sendsBotToken: which file URLs get the bot token', () => {
  it("sends it to the conversation's serviceUrl origin and to Bot Framework attachment hosts", () => {
    expect(sendsBotToken(new URL('http://127.0.0.1:4100/v3/attachments/0-a/views/original'), 'http://127.0.0.1:4100/')).toBe(true);
    expect(sendsBotToken(new URL('https://smba.trafficmanager.net/amer/v3/attachments/0-a/views/original'), null)).toBe(true);
    expect(sendsBotToken(new URL('https://us-api.asm.skype.com/v1/objects/0-eus-d1-abc/views/imgo'), SERVICE_URL)).toBe(true);
  });

  it('never sends it to a SharePoint/OneDrive downloadUrl, a look-alike host, another port or plain http', () => {
    const never = [
      'https://contoso-my.sharepoint.com/personal/lee/_layouts/15/download.aspx?UniqueId=1&tempauth=x',
      'https://contoso.sharepoint.com/personal/receipt.pdf',
      'https://smba.trafficmanager.net.attacker.example/v3/attachments/0-a',
      'https://attacker.example/smba.trafficmanager.net',
      'https://asm.skype.com.attacker.example/v1/objects/x',
      'http://smba.trafficmanager.net/amer/v3/attachments/0-a',
      'http://127.0.0.1:4101/personal/files/x',
    ];
    for (const url of never) expect(sendsBotToken(new URL(url), 'http://127.0.0.1:4100/'), url).toBe(false);
  });

  it('without a known serviceUrl (a retry), only the Bot Framework hosts', () => {
    expect(sendsBotToken(new URL('http://127.0.0.1:4100/v3/attachments/0-a/views/original'), null)).toBe(false);
    expect(sendsBotToken(new URL('http://127.0.0.1:4100/v3/attachments/0-a/views/original'), 'not a url')).toBe(false);
  });
});
