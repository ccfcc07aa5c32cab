import { describe, expect, it } from 'vitest';
import { toE164 } from './phone.js';
import { serviceNowQuery, soqlQuery, soqlString, zendeskQuery } from './query-syntax.js';

describe('SOQL string escaping', () => {
  it('escapes quotes, backslashes and line breaks so a value cannot close the literal', () => {
    expect(soqlString("O'Brien")).toBe("O\\'Brien");
    expect(soqlString('a\\b')).toBe('a\\\\b');
    expect(soqlString('x\ny"z')).toBe('x\\ny\\"z');
    const injected = "x' OR Name != '";
    expect(soqlQuery('Contact', [], [{ field: 'Phone', operator: 'equals', value: injected }], 'all', 1)).toBe(
      "SELECT Id FROM Contact WHERE Phone = 'x\\' OR Name != \\'' LIMIT 1",
    );
  });

  it('escapes LIKE wildcards in contains, selects Id plus the fields, joins with OR for any', () => {
    expect(
      soqlQuery(
        'Case',
        ['Subject', 'Id'],
        [
          { field: 'Subject', operator: 'contains', value: '100%_sure' },
          { field: 'Origin', operator: 'equals', value: 'Phone' },
        ],
        'any',
        5,
      ),
    ).toBe("SELECT Id, Subject FROM Case WHERE Subject LIKE '%100\\%\\_sure%' OR Origin = 'Phone' LIMIT 5");
  });

  it('refuses a field name that is not an identifier', () => {
    expect(() =>
      soqlQuery('Contact', [], [{ field: 'Phone = 1 OR Id', operator: 'equals', value: 'x' }], 'all', 1),
    ).toThrow(/not a field name/);
  });
});

describe('ServiceNow encoded query', () => {
  it('doubles carets in values so a value cannot add a condition; LIKE for contains; ^OR for any', () => {
    expect(
      serviceNowQuery([{ field: 'short_description', operator: 'equals', value: 'a^ORactive=false' }], 'all'),
    ).toBe('short_description=a^^ORactive=false');
    expect(
      serviceNowQuery(
        [
          { field: 'phone', operator: 'phone', value: '+15551234567' },
          { field: 'mobile_phone', operator: 'phone', value: '+15551234567' },
        ],
        'any',
      ),
    ).toBe('phone=+15551234567^ORmobile_phone=+15551234567');
    expect(
      serviceNowQuery(
        [
          { field: 'name', operator: 'contains', value: 'Jane' },
          { field: 'active', operator: 'equals', value: 'true' },
        ],
        'all',
      ),
    ).toBe('nameLIKEJane^active=true');
  });
});

describe('Zendesk search terms', () => {
  it('quotes every value and escapes quotes and backslashes, so spaces and type: stay text', () => {
    expect(zendeskQuery('user', [{ field: 'phone', operator: 'phone', value: '+15551234567' }])).toBe(
      'type:user phone:"+15551234567"',
    );
    expect(zendeskQuery('ticket', [{ field: 'external_id', operator: 'equals', value: 'a" type:user \\' }])).toBe(
      'type:ticket external_id:"a\\" type:user \\\\"',
    );
  });
});

describe('E.164 normalisation', () => {
  it('reads the forms contact-center payloads use', () => {
    expect(toE164('tel:+1 (555) 123-4567')).toBe('+15551234567');
    expect(toE164('sip:+15551234567@pbx.example.com;user=phone')).toBe('+15551234567');
    expect(toE164('0081 3-1234-5678')).toBe('+81312345678');
    expect(toE164('03-1234-5678', '81')).toBe('+81312345678');
    expect(toE164('(555) 123-4567', '1')).toBe('+15551234567');
  });

  it('refuses what is no number, or a national number without a country code', () => {
    expect(toE164('anonymous')).toBeUndefined();
    expect(toE164('555-1234')).toBeUndefined();
    expect(toE164('+1234')).toBeUndefined();
    expect(toE164('+1234567890123456')).toBeUndefined();
  });
});
