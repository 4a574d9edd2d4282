import { describe, expect, it, vi } from 'vitest';
import { CrmError, type CrmAdapter, type CrmPerson } from '../crm/crm-adapter.ts';
import { findPersons, readPerson } from './person-lookup.ts';

const anna: CrmPerson = { id: '1', name: 'Anna Berg', email: 'anna.berg@solvberg.example', url: 'http://crm.example/p/1' };

function fakeCrm(over: Partial<CrmAdapter> = {}): CrmAdapter {
  return {
    kind: 'fake',
    suggestPersons: vi.fn(async () => [anna]),
    searchPersons: vi.fn(async () => []),
    getPerson: vi.fn(async () => anna),
    createRequest: vi.fn(async () => ({ id: '1', number: '#1', url: 'http://crm.example/r/1' })),
    ...over,
  };
}

describe('findPersons', () => {
  it('suggests from the visitor\'s hints when the agent typed nothing', async () => {
    const crm = fakeCrm();
    expect(await findPersons(crm, { email: 'anna.berg@solvberg.example', name: 'Anna' }, '  ')).toEqual({ persons: [anna] });
    expect(crm.suggestPersons).toHaveBeenCalledWith({ email: 'anna.berg@solvberg.example', name: 'Anna' }, expect.anything());
    expect(crm.searchPersons).not.toHaveBeenCalled();
  });

  it('searches for what the agent typed', async () => {
    const crm = fakeCrm({ searchPersons: vi.fn(async () => [anna]) });
    await findPersons(crm, {}, ' berg ');
    expect(crm.searchPersons).toHaveBeenCalledWith('berg', expect.anything());
  });

  it('passes on only the fields the view shows, and at most 50 persons', async () => {
    const extra = { ...anna, secret: 'internal' } as CrmPerson;
    const crm = fakeCrm({ searchPersons: vi.fn(async () => Array.from({ length: 60 }, () => extra)) });
    const { persons } = await findPersons(crm, {}, 'a');
    expect(persons).toHaveLength(50);
    expect(persons[0]).toEqual(anna);
  });

  it('leaves out a malformed person and drops a link that is not a web address', async () => {
    const crm = fakeCrm({ searchPersons: vi.fn(async () => [{ id: '../x', name: 'Eve' } as CrmPerson, { ...anna, url: 'javascript:alert(1)' }]) });
    expect(await findPersons(crm, {}, 'a')).toEqual({ persons: [{ id: '1', name: 'Anna Berg', email: 'anna.berg@solvberg.example' }] });
    const garbled = fakeCrm({ getPerson: vi.fn(async () => ({ id: '1', name: 42 }) as unknown as CrmPerson) });
    await expect(readPerson(garbled, '1')).rejects.toMatchObject({ code: 'refused' });
    await expect(readPerson(fakeCrm(), '2')).rejects.toMatchObject({ code: 'refused' });
  });

  it('says when no CRM is configured', async () => {
    await expect(findPersons(undefined, {}, 'x')).rejects.toMatchObject({ code: 'not-configured', message: 'unable to find persons; no CRM is configured' });
    await expect(readPerson(undefined, '1')).rejects.toMatchObject({ code: 'not-configured' });
  });

  it('turns the CRM\'s failures into command errors with its reason', async () => {
    const down = fakeCrm({ searchPersons: vi.fn(async () => Promise.reject(new CrmError('unavailable', 'unable to search persons; HTTP 503'))) });
    await expect(findPersons(down, {}, 'x')).rejects.toMatchObject({ code: 'crm-unavailable', message: 'unable to search persons; HTTP 503' });
    const missing = fakeCrm({ getPerson: vi.fn(async () => Promise.reject(new CrmError('not-found', 'unable to read person 9; no such person'))) });
    await expect(readPerson(missing, '9')).rejects.toMatchObject({ code: 'crm-not-found', message: 'unable to read person 9; no such person' });
  });
});
