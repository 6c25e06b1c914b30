/**
 * One complaint carrying every kind of personal data and markup the desk must keep from staff
 * channels, with what staff should see instead. Shared by the Slack, Teams and playground tests.
 */
export const PERSONAL = {
  phone: { raw: '13812345678', masked: '138****5678' },
  email: { raw: 'zhang.wei@example.com', masked: 'z***@example.com' },
  idCard: { raw: '11010519491231002X', masked: '110****002X' },
  bankCard: { raw: '6222021001116245702', masked: '6222****5702' },
  followUpPhone: { raw: '+86 139 0000 1111', masked: '+86 139****1111' },
} as const;

export const ORDER = 'K-20261';

export const complaintText = (markup: string) =>
  `The kettle I bought leaks, order ${ORDER}. 电话 ${PERSONAL.phone.raw}, mail ${PERSONAL.email.raw}, 身份证 ${PERSONAL.idCard.raw}, refund to card ${PERSONAL.bankCard.raw}. ${markup}`;

export const followUpText = (markup: string) => `also reachable at ${PERSONAL.followUpPhone.raw} ${markup}`;

/** Raw personal data that must not appear in `text`. */
export function leakedIn(text: string): string[] {
  return Object.values(PERSONAL)
    .map((p) => p.raw)
    .filter((raw) => text.includes(raw) || text.includes(JSON.stringify(raw).slice(1, -1)));
}
