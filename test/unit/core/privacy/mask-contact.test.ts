import { describe, expect, it } from 'vitest';
import { maskContact } from '../../../../src/core/privacy/mask-personal-data.js';

describe('maskContact, a stored contact as staff see it', () => {
  it('masks a phone number or an email like any text', () => {
    expect(maskContact('13812345678')).toBe('138****5678');
    expect(maskContact('zhang.wei@example.com')).toBe('z***@example.com');
    expect(maskContact('电话 13812345678')).toBe('电话 138****5678');
  });

  it('hides a contact in no shape the desk recognises whole: it is personal by definition', () => {
    expect(maskContact('wxid_zhangwei88')).toBe('****');
    expect(maskContact('北京市朝阳区建国路88号')).toBe('****');
    // Fullwidth text that only changes by being made halfwidth is still unrecognised.
    expect(maskContact('ｗｅｃｈａｔ ｚｗ')).toBe('****');
  });

  it('no contact stays no contact', () => {
    expect(maskContact(null)).toBeNull();
    expect(maskContact('')).toBeNull();
  });
});
