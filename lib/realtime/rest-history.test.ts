import { describe, expect, it } from 'vitest';
import { decodeMessage, nextLink, restBaseUrl } from './rest-history.ts';

describe('rest history helpers', () => {
  it('undoes json, base64 and utf-8 encodings right to left, as ably-js does', () => {
    expect(decodeMessage({ id: 'a', data: '{"text":"hi"}', encoding: 'json' })).toEqual({ id: 'a', data: { text: 'hi' } });
    expect(decodeMessage({ id: 'b', data: btoa('{"n":1}'), encoding: 'json/utf-8/base64' })).toEqual({ id: 'b', data: { n: 1 } });
    expect(decodeMessage({ id: 'c', data: btoa('\u0001\u0002'), encoding: 'base64' })).toEqual({ id: 'c', data: new Uint8Array([1, 2]) });
    expect(decodeMessage({ id: 'd', data: 'plain' })).toEqual({ id: 'd', data: 'plain' });
  });

  it('leaves what it cannot decode encoded, for the chat parser to drop', () => {
    expect(decodeMessage({ id: 'e', data: 'xyz', encoding: 'cipher+aes-128-cbc/base64' })).toMatchObject({ encoding: 'cipher+aes-128-cbc' });
    expect(decodeMessage({ id: 'f', data: '{not json', encoding: 'json' })).toEqual({ id: 'f', data: '{not json', encoding: 'json' });
    expect(decodeMessage('not a message')).toBe('not a message');
  });

  it('follows a relative rel="next" link and ignores other relations', () => {
    const url = 'http://127.0.0.1:8377/channels/chat%3A1/messages?limit=2';
    expect(nextLink('<./messages?limit=2&end=5>; rel="next", <./messages?limit=2>; rel="first"', url)).toBe('http://127.0.0.1:8377/channels/chat%3A1/messages?limit=2&end=5');
    expect(nextLink('<./messages?limit=2>; rel="first"', url)).toBeUndefined();
    expect(nextLink(null, url)).toBeUndefined();
  });

  it('points at the hub, or at Ably’s primary domain for its own endpoint', () => {
    expect(restBaseUrl({ tokenServiceUrl: 'http://x', realtimeEndpoint: '127.0.0.1', realtimePort: 8377, tls: false })).toBe('http://127.0.0.1:8377');
    expect(restBaseUrl({ tokenServiceUrl: 'https://x', tls: true })).toBe('https://main.realtime.ably.net');
  });
});
