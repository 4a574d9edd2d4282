import { describe, expect, it } from 'vitest';
import { DEFAULT_CONNECTION_SETTINGS } from './connection-settings.ts';
import { createAuthCallback } from './realtime-client.ts';

/** A token service whose answers arrive when the test says, in any order. */
function tokenService() {
  const asked: { url: string; answer: (status: number, body: string) => void }[] = [];
  const fetchToken = (url: string) =>
    new Promise<Response>((resolve) => asked.push({ url, answer: (status, body) => resolve(new Response(body, { status })) }));
  return { asked, fetchToken };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('createAuthCallback', () => {
  it('answers ably-js with the token service’s JWT and tells onToken, asking about the chats followed', async () => {
    const { asked, fetchToken } = tokenService();
    const tokens: string[] = [];
    const answers: [unknown, unknown][] = [];
    const callback = createAuthCallback(DEFAULT_CONNECTION_SETTINGS, fetchToken, (token) => tokens.push(token), () => ['c1']);
    callback({}, (error, token) => answers.push([error, token]));
    expect(asked[0]?.url).toContain('chats=c1');
    asked[0]?.answer(200, 'jwt-1\n');
    await tick();
    expect(answers).toEqual([[null, 'jwt-1']]);
    expect(tokens).toEqual(['jwt-1']);
    expect(callback.again()).toBe(false);
  });

  it('asked again while a request is under way, answers with the newer token only, whichever arrives first', async () => {
    const { asked, fetchToken } = tokenService();
    const tokens: string[] = [];
    const answers: [unknown, unknown][] = [];
    const callback = createAuthCallback(DEFAULT_CONNECTION_SETTINGS, fetchToken, (token) => tokens.push(token));
    callback({}, (error, token) => answers.push([error, token]));
    expect(callback.again()).toBe(true);
    expect(asked).toHaveLength(2);
    asked[0]?.answer(200, 'stale');
    await tick();
    expect(answers).toEqual([]);
    asked[1]?.answer(200, 'fresh');
    await tick();
    expect(answers).toEqual([[null, 'fresh']]);
    expect(tokens).toEqual(['fresh']);
  });

  it('ignores the failure of a request asked again, and reports the failure of the newest', async () => {
    const { asked, fetchToken } = tokenService();
    const answers: [unknown, unknown][] = [];
    const callback = createAuthCallback(DEFAULT_CONNECTION_SETTINGS, fetchToken);
    callback({}, (error, token) => answers.push([error, token]));
    callback.again();
    asked[0]?.answer(500, 'old failure');
    await tick();
    expect(answers).toEqual([]);
    asked[1]?.answer(403, 'agent disabled');
    await tick();
    expect(answers).toEqual([['unable to get a token; the token service answered 403: agent disabled', null]]);
  });
});
