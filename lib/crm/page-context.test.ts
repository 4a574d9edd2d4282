import { describe, expect, it } from 'vitest';
import { getDisplayTitle, getPageRecord, parsePageContext } from './page-context.ts';

describe('getPageRecord', () => {
  it.each([
    ['http://127.0.0.1:8377/crm/default.aspx?person_main&person_id=12', { kind: 'person', id: '12' }],
    ['https://online.superoffice.com/Cust1/default.aspx?contact_main&contact_id=7', { kind: 'company', id: '7' }],
    ['http://127.0.0.1/crm/default.aspx?ticket_main&ticket_id=301', { kind: 'request', id: '301' }],
    ['http://127.0.0.1/crm/default.aspx?contact_list', undefined],
    ['http://127.0.0.1/crm/default.aspx?person_id=12abc', undefined],
    ['not a url', undefined],
  ])('%s', (url, expected) => {
    expect(getPageRecord(url)).toEqual(expected);
  });
});

describe('getDisplayTitle', () => {
  it('drops the product and section suffix', () => {
    expect(getDisplayTitle('Anna Berg – Contacts – Nordlys CRM')).toBe('Anna Berg');
    expect(getDisplayTitle('Contacts | Nordlys')).toBe('Contacts');
    expect(getDisplayTitle('Jean-Luc Picard')).toBe('Jean-Luc Picard');
  });
});

describe('parsePageContext', () => {
  it('accepts a well-formed report', () => {
    expect(parsePageContext({ url: 'http://127.0.0.1/crm/default.aspx?person_main&person_id=3', title: 'Bo – Nordlys CRM' })).toEqual({
      url: 'http://127.0.0.1/crm/default.aspx?person_main&person_id=3',
      title: 'Bo',
      record: { kind: 'person', id: '3' },
    });
  });

  it.each([
    null,
    'http://x',
    { url: 5, title: 'x' },
    { url: 'javascript:alert(1)', title: 'x' },
    { url: `http://x/${'a'.repeat(5000)}`, title: 'x' },
  ])('drops %j', (value) => {
    expect(parsePageContext(value)).toBeUndefined();
  });
});
