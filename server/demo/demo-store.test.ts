import { describe, expect, it } from 'vitest';
import { createDemoStore, foldText } from './demo-store.ts';
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
