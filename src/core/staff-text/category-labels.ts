import type { Language } from '../triage/index.js';

const l = (zhHans: string, zhHant: string, en: string): Record<Language, string> => ({ 'zh-Hans': zhHans, 'zh-Hant': zhHant, en });

/** Complaint types as the registration table names them (产品类, 物流类 …): in reports, exports and the compensation guidance. */
export const CATEGORY_LABELS: Record<string, Record<Language, string>> = {
  product: l('产品类', '產品類', 'Product'),
  service: l('服务类', '服務類', 'Service'),
  logistics: l('物流类', '物流類', 'Logistics'),
  billing: l('账单类', '帳單類', 'Billing'),
  after_sales: l('售后类', '售後類', 'After-sales'),
  privacy_security: l('隐私安全类', '隱私安全類', 'Privacy & security'),
  uncategorised: l('未分类', '未分類', 'Uncategorised'),
};
