import { describe, expect, it } from 'vitest';
import { enumOf, paramValueOf } from './FlowParams.js';

describe('parameter values typed in Flow settings', () => {
  it('reads text as the parameter’s type, empty as none, and refuses what is not one', () => {
    expect(paramValueOf('string', ' mypurecloud.jp')).toBe(' mypurecloud.jp');
    expect(paramValueOf('number', '30')).toBe(30);
    expect(paramValueOf('number', '30s')).toBeUndefined();
    expect(paramValueOf('boolean', 'TRUE')).toBe(true);
    expect(paramValueOf('boolean', 'yes')).toBeUndefined();
    expect(paramValueOf('number', '  ')).toBeNull();
  });

  it('reads allowed values separated by commas', () => {
    expect(enumOf('string', 'mypurecloud.com, mypurecloud.jp,')).toEqual(['mypurecloud.com', 'mypurecloud.jp']);
    expect(enumOf('number', '1, 2, x')).toBeUndefined();
    expect(enumOf('string', ' , ')).toBeNull();
  });
});
