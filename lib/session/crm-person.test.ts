import { describe, expect, it } from 'vitest';
import { parseCrmPerson } from './crm-person.ts';

const anna = { id: '1', name: 'Anna Berg', email: 'anna.berg@solvberg.example', url: 'http://127.0.0.1:8377/crm/default.aspx?person_main&person_id=1' };

describe('parseCrmPerson', () => {
  it('keeps a well-formed person as it is', () => {
    expect(parseCrmPerson(anna)).toEqual(anna);
    expect(parseCrmPerson({ id: '2', name: 'Lars Eriksen' })).toEqual({ id: '2', name: 'Lars Eriksen' });
  });

  it('drops a link that is not a web address, keeping the person', () => {
    expect(parseCrmPerson({ ...anna, url: 'javascript:alert(1)' })).toEqual({ id: '1', name: 'Anna Berg', email: 'anna.berg@solvberg.example' });
    expect(parseCrmPerson({ ...anna, url: 'not a url' })).not.toHaveProperty('url');
  });

  it('drops fields nobody shows: empty ones, overlong ones, and an adapter\'s extras', () => {
    expect(parseCrmPerson({ id: '3', name: 'Eva', email: '', phone: 'x'.repeat(61), secret: 'token' })).toEqual({ id: '3', name: 'Eva' });
  });

  it.each([undefined, null, 'Mallory', { id: '../x', name: 'Eve' }, { id: '3', name: 42 }, { id: '4', name: 'x'.repeat(201) }, { person: anna }])(
    'rejects a malformed person %#',
    (value) => {
      expect(parseCrmPerson(value)).toBeNull();
    },
  );
});
