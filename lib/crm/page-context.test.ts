import { describe, expect, it } from 'vitest';
import { getDisplayTitle, getPageRecord, parsePageContext } from './page-context.ts';

describe('getPageRecord', () => {
  it.each([
    // SuperOffice's web client (SuperOfficeDocs/superoffice-docs): the view is the first segment.
    ['https://online.superoffice.com/Cust12345/default.aspx?person.main?person_id=12', { kind: 'person', id: '12' }],
    ['https://sod.superoffice.com/Cust26759/default.aspx?contact.main?contact_id=7', { kind: 'company', id: '7' }],
    ['https://online.superoffice.com/Cust12345/default.aspx?ticket.main?ticket_id=301', { kind: 'request', id: '301' }],
    ['https://online.superoffice.com/Cust12345/default.aspx?sale.main?sale_id=5', undefined],
    ['https://online.superoffice.com/Cust12345/default.aspx?project.main?project_id=5', undefined],
    // Multi-id views: the kind comes from the first segment, not from the first `_id`.
    ['https://online.superoffice.com/Cust1/default.aspx?person.main.activityarchive?person_id=1&contact_id=2&sale_id=3', { kind: 'person', id: '1' }],
    ['https://online.superoffice.com/Cust1/default.aspx?contact.main.personarchive?person_id=4&contact_id=9', { kind: 'company', id: '9' }],
    ['https://online.superoffice.com/Cust1/default.aspx?sale.main?person_id=4&contact_id=9&sale_id=1', undefined],
    ['https://online.superoffice.com/Cust1/default.aspx?ticket.main.messages?ticket_id=88&person_id=4', { kind: 'request', id: '88' }],
    // On-site: its own host and path.
    ['https://crm.example.com/SuperOffice/default.aspx?person.main?person_id=42', { kind: 'person', id: '42' }],
    ['https://crm.example.com/SuperOffice/default.aspx?person.main?contact_id=42', undefined],
    ['http://127.0.0.1:8377/crm/default.aspx?person_main&person_id=12', { kind: 'person', id: '12' }],
    ['http://127.0.0.1:8377/crm/default.aspx?person_id=12', { kind: 'person', id: '12' }],
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
