/**
 * "Top repeated problems": complaints in one period that share a product, an order-number
 * prefix (the same shop, channel or batch) or a triage cue. Two cases make a repeat.
 */
export type RepeatDimension = 'product' | 'order_prefix' | 'cue';

export interface RepeatProblem {
  dimension: RepeatDimension;
  key: string;
  count: number;
  caseNumbers: string[];
}

export interface RepeatCandidate {
  number: string;
  summary: string;
  orderNumber: string | null;
  cues: readonly string[];
}

/** Products customers name, in the three languages; the key is what the report shows. */
export const PRODUCT_TERMS: readonly { key: string; terms: readonly string[] }[] = [
  { key: 'kettle', terms: ['kettle', '电水壶', '電水壺', '热水壶', '熱水壺', '烧水壶'] },
  { key: 'blender', terms: ['blender', '搅拌机', '攪拌機', '料理机', '料理機', '破壁机', '破壁機'] },
  { key: 'air conditioner', terms: ['air conditioner', 'air-conditioner', '空调', '空調', '冷氣'] },
  { key: 'washing machine', terms: ['washing machine', 'washer', '洗衣机', '洗衣機'] },
  { key: 'refrigerator', terms: ['refrigerator', 'fridge', '冰箱'] },
  { key: 'television', terms: ['television', 'tv', '电视', '電視'] },
  { key: 'phone', terms: ['phone', 'smartphone', '手机', '手機'] },
  { key: 'phone case', terms: ['phone case', '手机壳', '手機殼'] },
  { key: 'laptop', terms: ['laptop', 'notebook computer', '笔记本电脑', '筆記型電腦', '筆電'] },
  { key: 'headphones', terms: ['headphones', 'earphones', 'earbuds', '耳机', '耳機'] },
  { key: 'charger', terms: ['charger', 'power bank', '充电器', '充電器', '充电宝', '行動電源'] },
  { key: 'toaster', terms: ['toaster', '烤面包机', '烤麵包機', '多士炉'] },
  { key: 'microwave', terms: ['microwave', '微波炉', '微波爐'] },
  { key: 'rice cooker', terms: ['rice cooker', '电饭煲', '電飯煲', '电饭锅', '電子鍋'] },
  { key: 'vacuum cleaner', terms: ['vacuum', '吸尘器', '吸塵器'] },
  { key: 'water heater', terms: ['water heater', '热水器', '熱水器'] },
  { key: 'infant formula', terms: ['infant formula', 'baby formula', '奶粉'] },
  { key: 'shoes', terms: ['shoes', 'sneakers', '鞋'] },
  { key: 'furniture', terms: ['sofa', 'table', 'chair', '沙发', '沙發', '桌子', '椅子'] },
];

const latin = /^[a-z][a-z -]*$/;
const regexTest = (re: RegExp) => (text: string) => re.test(text);
const matchers = PRODUCT_TERMS.map((p) => ({
  key: p.key,
  test: p.terms.map((term) =>
    // Latin words need word boundaries ("table" is not in "comfortable"); CJK has none.
    latin.test(term) ? regexTest(new RegExp(`\\b${term}(s|es)?\\b`)) : (text: string) => text.includes(term),
  ),
}));

export function productsIn(text: string): string[] {
  const t = text.toLowerCase();
  const found = matchers.filter((m) => m.test.some((f) => f(t))).map((m) => m.key);
  // A phone case is a product of its own, not also a phone.
  return found.includes('phone case') ? found.filter((k) => k !== 'phone') : found;
}

/**
 * The part of an order number shared by orders from one shop or batch: its leading
 * letters ("WX-99812" → "WX", "dd20240501001" → "DD"), or for all-digit numbers the
 * first six digits, usually the year and month ("20261116-8871" → "202611").
 */
export function orderPrefix(orderNumber: string): string | null {
  const n = orderNumber.trim().toUpperCase();
  const letters = /^[A-Z]{2,}/.exec(n)?.[0];
  if (letters) return letters;
  const digits = n.replace(/\D/g, '');
  return digits.length >= 8 ? digits.slice(0, 6) : null;
}

export function repeatProblems(cases: readonly RepeatCandidate[], limit = 5): RepeatProblem[] {
  const groups = new Map<string, RepeatProblem>();
  const add = (dimension: RepeatDimension, key: string, number: string) => {
    const id = `${dimension}\u0000${key}`;
    const g = groups.get(id) ?? { dimension, key, count: 0, caseNumbers: [] };
    if (g.caseNumbers.includes(number)) return;
    g.count++;
    g.caseNumbers.push(number);
    groups.set(id, g);
  };
  for (const c of cases) {
    for (const p of productsIn(c.summary)) add('product', p, c.number);
    const prefix = c.orderNumber ? orderPrefix(c.orderNumber) : null;
    if (prefix) add('order_prefix', prefix, c.number);
    for (const cue of new Set(c.cues)) add('cue', cue, c.number);
  }
  const order: Record<RepeatDimension, number> = { product: 0, order_prefix: 1, cue: 2 };
  return [...groups.values()]
    .filter((g) => g.count >= 2)
    .sort((a, b) => b.count - a.count || order[a.dimension] - order[b.dimension] || a.key.localeCompare(b.key))
    .slice(0, limit)
    .map((g) => ({ ...g, caseNumbers: [...g.caseNumbers].sort() }));
}
