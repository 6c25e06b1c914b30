/** The money amount a customer mentions ("¥299", "299元", "$45.50", "1,299.00 yuan", "两百元"), or null. */
const NUMBER = String.raw`(\d{1,3}(?:,\d{3})+(?:\.\d{1,2})?|\d+(?:\.\d{1,2})?)`;
const PREFIX = new RegExp(String.raw`(?:¥|\$|€|£|rmb|cny|usd|us\$|hk\$|nt\$|hkd|ntd|eur|gbp)\s?` + NUMBER, 'i');
// The lookbehinds pin each number to its first digit: a 10,000-digit run is one attempt, not 10,000.
const SUFFIX = new RegExp(String.raw`(?<![\d,.])` + NUMBER + String.raw`\s?(?:元|块钱|块|塊|圆|圓|人民币|人民幣|rmb|yuan|cny|dollars?|bucks|usd|hkd|港币|港幣|港元|美元|台币|台幣|ntd|euros?|eur|pounds?|gbp)(?![a-z])`, 'i');
// Chinese numerals only with 元/块钱: "一块污渍" is a stain, not one yuan.
const CHINESE = /(?<![零一二两兩三四五六七八九十百千万萬])([零一二两兩三四五六七八九十百千万萬]+)\s?(?:元|圆|圓|块钱|塊錢)/;
const DIGIT: Record<string, number> = { 零: 0, 一: 1, 二: 2, 两: 2, 兩: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const UNIT: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

export function parseChineseNumber(s: string): number | null {
  let total = 0;
  let section = 0;
  let digit = 0;
  for (const ch of s) {
    if (ch in DIGIT) digit = DIGIT[ch]!;
    else if (ch in UNIT) {
      section += (digit || 1) * UNIT[ch]!;
      digit = 0;
    } else if (ch === '万' || ch === '萬') {
      total += (section + digit) * 10_000;
      section = 0;
      digit = 0;
    } else return null;
  }
  const value = total + section + digit;
  return value > 0 ? value : null;
}

/**
 * The ISO currency a marker names without doubt, or null where it depends on where the customer
 * is: "$" and "dollars" (US, HK, Taiwan, Singapore…), and 元/块 (yuan on the mainland, NT dollars in
 * Taiwan). A null currency is read as the desk's own.
 */
function currencyOf(marker: string): string | null {
  const m = marker.toLowerCase().replace(/\s/g, '');
  if (/^(hk\$|hkd|港币|港幣|港元)$/.test(m)) return 'HKD';
  if (/^(nt\$|ntd|台币|台幣)$/.test(m)) return 'TWD';
  if (/^(rmb|cny|人民币|人民幣|yuan|¥)$/.test(m)) return 'CNY';
  if (/^(us\$|usd|美元)$/.test(m)) return 'USD';
  if (/^(€|eur|euros?)$/.test(m)) return 'EUR';
  if (/^(£|gbp|pounds?)$/.test(m)) return 'GBP';
  return null;
}

/** The money a customer mentions: its amount and, when the text says so without doubt, its currency. */
export function extractMoney(text: string): { amount: number; currency: string | null } | null {
  const t = text.normalize('NFKC');
  const found = [PREFIX.exec(t), SUFFIX.exec(t)].filter((m): m is RegExpExecArray => m !== null).sort((a, b) => a.index - b.index)[0];
  if (found) {
    const amount = Number(found[1]!.replace(/,/g, ''));
    const marker = found[0].replace(found[1]!, '').trim();
    return { amount, currency: currencyOf(marker) };
  }
  const zh = CHINESE.exec(t);
  const amount = zh ? parseChineseNumber(zh[1]!) : null;
  return amount === null ? null : { amount, currency: null };
}

export function extractAmount(text: string): number | null {
  return extractMoney(text)?.amount ?? null;
}
