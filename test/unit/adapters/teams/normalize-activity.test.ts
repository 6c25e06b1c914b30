import { describe, expect, it } from 'vitest';
import { MessageActivity, toAttachmentRefs, toCustomerMessage } from '../../../../src/adapters/teams/normalize-activity.js';

const personal = {
  type: 'message',
  id: '1790000000001',
  text: 'The blender arrived cracked',
  locale: 'en-US',
  from: { id: '29:1abc', aadObjectId: 'aad-1', name: 'Ana Li' },
  conversation: { id: 'a:1chat', conversationType: 'personal' },
};

describe('Teams activity → CustomerMessage', () => {
  it('identifies the customer by AAD object id and treats the personal chat as the thread', () => {
    const m = toCustomerMessage(MessageActivity.parse(personal), personal.text);
    expect(m).toMatchObject({
      platform: 'teams',
      messageId: 'a:1chat:1790000000001',
      customer: { userId: 'aad-1', displayName: 'Ana Li', locale: 'en-US' },
      conversation: { channelId: 'a:1chat', threadId: 'a:1chat' },
      attachments: [],
    });
  });

  it('falls back to the Teams user id when there is no AAD object id', () => {
    const m = toCustomerMessage(MessageActivity.parse({ ...personal, from: { id: '29:guest' } }), 'x');
    expect(m.customer.userId).toBe('29:guest');
  });

  it('in a channel, the thread is the reply chain named in the conversation id', () => {
    const reply = { ...personal, id: '1790000000009', conversation: { id: '19:support@thread.tacv2;messageid=1790000000005', conversationType: 'channel' } };
    expect(toCustomerMessage(MessageActivity.parse(reply), 'x').conversation).toEqual({ channelId: '19:support@thread.tacv2', threadId: '1790000000005', isPrivate: false });
  });

  it('records uploaded files and pasted images as evidence, not the HTML copy or cards', () => {
    const refs = toAttachmentRefs([
      { contentType: 'text/html', content: '<p>hi</p>' },
      { contentType: 'application/vnd.microsoft.card.adaptive', content: {} },
      { contentType: 'image/png', contentUrl: 'https://smba.example/v3/attachments/1/views/original', name: 'crack.png' },
      {
        contentType: 'application/vnd.microsoft.teams.file.download.info',
        name: 'receipt.pdf',
        contentUrl: 'https://contoso.sharepoint.com/receipt.pdf',
        content: { downloadUrl: 'https://download.example/receipt.pdf', uniqueId: 'FILE-77', fileType: 'pdf' },
      },
    ]);
    expect(refs).toEqual([
      { fileId: 'https://smba.example/v3/attachments/1/views/original', name: 'crack.png', mimeType: 'image/png', url: 'https://smba.example/v3/attachments/1/views/original' },
      { fileId: 'FILE-77', name: 'receipt.pdf', mimeType: 'pdf', url: 'https://download.example/receipt.pdf' },
    ]);
  });

  it('rejects activities missing what we read', () => {
    expect(MessageActivity.safeParse({ ...personal, from: undefined }).success).toBe(false);
    expect(MessageActivity.safeParse({ ...personal, id: '' }).success).toBe(false);
    expect(MessageActivity.safeParse({ ...personal, type: 'invoke' }).success).toBe(false);
  });
});
