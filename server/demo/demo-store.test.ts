import { describe, expect, it } from 'vitest';
import { UnknownPersonError, createDemoStore, foldText } from './demo-store.ts';
import { createSeed } from './seed-data.ts';

const store = createDemoStore(createSeed({ now: new Date('2026-01-15T10:00:00Z') }));

describe('demo store', () => {
  it.each([
    ['Lindqvist', [6]],
    ['Berg', [1, 3, 7, 10, 18, 20, 25]], // name, company (Sølvberg) and city (Bergen) all count
    ['anna berg', [1]],
    ['berg anna', [1]],
    ['moller', [25]],
    ['+45 33 91 20 14', [1]],
    ['Fjordlys', [3, 10, 25]],
    ['zzz', []],
  ])('finds %j', (query, ids) => {
    expect(store.searchPersons(query).map((p) => p.id).sort((a, b) => a - b)).toEqual(ids);
  });

  it('ignores queries too short to be a phone number', () => {
    expect(store.searchPersons('12').length).toBe(0);
  });

  it('folds Nordic letters', () => {
    expect(foldText('Sørensen Ærø Guðrún')).toBe('sorensen aero gudrun');
  });

  it('lays dates out around today, with one upcoming activity per person', () => {
    const activities = store.activitiesOfPersons([1]);
    expect(activities.filter((a) => !a.done)).toHaveLength(1);
    expect(activities.find((a) => !a.done)!.at > '2026-01-15').toBe(true);
  });

  it('keeps seeds independent', () => {
    const a = createSeed();
    a.persons[0]!.firstName = 'Changed';
    expect(createSeed().persons[0]!.firstName).toBe('Anna');
  });
});

describe('demo store writes', () => {
  const at = new Date('2026-01-15T12:00:00Z');
  const fresh = () => createDemoStore(createSeed({ now: new Date('2026-01-15T10:00:00Z') }), { now: () => at });
  const line = { author: 'Vera', authorKind: 'visitor' as const, text: 'hi', at: '2026-01-15T11:59:00Z' };

  it('creates open requests numbered after the seed, newest first in lists', () => {
    const s = fresh();
    const a = s.createRequest({ title: 'A', transcript: [line], personId: 1 });
    const b = s.createRequest({ title: 'B', transcript: [] });
    expect([a.id, b.id]).toEqual([1013, 1014]);
    expect(a).toMatchObject({ status: 'open', personId: 1, createdAt: at.toISOString(), updatedAt: at.toISOString(), transcript: [line] });
    expect(b.personId).toBeNull();
    expect(s.listRequests().slice(0, 2).map((r) => r.id)).toEqual([1014, 1013]);
    expect(s.requestsOfPersons([1]).map((r) => r.id)).toEqual([1013, 1001]);
  });

  it('refuses an unknown person', () => {
    expect(() => fresh().createRequest({ title: 'A', transcript: [], personId: 999 })).toThrow(UnknownPersonError);
  });

  it('changes a status, and answers undefined for an unknown request', () => {
    const s = fresh();
    expect(s.setRequestStatus(1001, 'closed')).toMatchObject({ status: 'closed', updatedAt: at.toISOString() });
    expect(s.setRequestStatus(5, 'closed')).toBeUndefined();
  });

  it('reports its changes and starts again from them', () => {
    const s = fresh();
    s.createRequest({ title: 'A', transcript: [line] });
    s.setRequestStatus(1002, 'waiting');
    const changes = s.changes();
    expect(changes).toMatchObject({ nextRequestId: 1014, created: [{ id: 1013 }], changed: { '1002': { status: 'waiting' } } });
    const again = createDemoStore(createSeed(), { changes: structuredClone(changes) });
    expect(again.getRequest(1013)?.title).toBe('A');
    expect(again.getRequest(1002)?.status).toBe('waiting');
    expect(again.createRequest({ title: 'B', transcript: [] }).id).toBe(1014);
  });

  it('tells its listener about every write', () => {
    let calls = 0;
    const s = createDemoStore(createSeed(), { onChange: () => calls++ });
    s.createRequest({ title: 'A', transcript: [] });
    s.setRequestStatus(1001, 'closed');
    s.setRequestStatus(4, 'closed');
    expect(calls).toBe(2);
  });
});
