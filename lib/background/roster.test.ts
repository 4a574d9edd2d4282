import { describe, expect, it } from 'vitest';
import { fetchRoster } from './roster.ts';

const answer = (status: number, body: unknown) => async () => new Response(JSON.stringify(body), { status });

describe('fetchRoster', () => {
  it('reads the local roster', async () => {
    const agents = await fetchRoster('http://127.0.0.1:8377', answer(200, [{ id: 'alice', name: 'Alice', role: 'agent' }]) as typeof fetch);
    expect(agents).toEqual([{ id: 'alice', name: 'Alice', role: 'agent' }]);
  });

  it('is empty for SSO mode, junk, or no server', async () => {
    expect(await fetchRoster('http://x', answer(404, {}) as typeof fetch)).toEqual([]);
    expect(await fetchRoster('http://x', answer(200, [{ id: '../x', name: '' }]) as typeof fetch)).toEqual([]);
    expect(await fetchRoster('http://x', (async () => { throw new Error('down'); }) as typeof fetch)).toEqual([]);
  });
});
