import { describe, expect, it } from 'vitest';
import { parseOnePerson, parsePersonList } from './person-results.ts';

const anna = { id: '1', name: 'Anna Berg', email: 'anna.berg@solvberg.example', url: 'http://127.0.0.1:8377/crm/default.aspx?person_main&person_id=1' };

describe('parsePersonList', () => {
  it('keeps well-formed persons as they are', () => {
    expect(parsePersonList({ persons: [anna, { id: '2', name: 'Lars Eriksen' }] })).toEqual([anna, { id: '2', name: 'Lars Eriksen' }]);
  });

  it('drops a link that is not a web address, keeping the person', () => {
    expect(parsePersonList({ persons: [{ ...anna, url: 'javascript:alert(1)' }] })).toEqual([{ id: '1', name: 'Anna Berg', email: 'anna.berg@solvberg.example' }]);
    expect(parsePersonList({ persons: [{ ...anna, url: 'not a url' }] })?.[0]).not.toHaveProperty('url');
  });

  it('leaves out malformed persons', () => {
    expect(parsePersonList({ persons: [{ id: '../x', name: 'Eve' }, { id: '3', name: 42 }, 'Mallory', anna] })).toEqual([anna]);
    expect(parsePersonList({ persons: [{ id: '4', name: 'x'.repeat(201) }] })).toEqual([]);
  });

  it.each([undefined, null, 'persons', { persons: 'all' }, { items: [] }, { persons: Array.from({ length: 101 }, () => anna) }])('rejects the answer %#', (data) => {
    expect(parsePersonList(data)).toBeNull();
  });
});

describe('parseOnePerson', () => {
  it('reads the person, or null', () => {
    expect(parseOnePerson({ person: anna })).toEqual(anna);
    expect(parseOnePerson({ person: { id: '1' } })).toBeNull();
    expect(parseOnePerson(anna)).toBeNull();
  });
});
