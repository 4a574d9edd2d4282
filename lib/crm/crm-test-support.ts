import type { FetchLike } from './crm-adapter.ts';

// A fake fetch for adapter unit tests: records each call, answers from a script.

export interface RecordedCall {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: unknown;
}

export type Answer = { status?: number; json?: unknown; text?: string } | Error;

export function fakeFetch(answer: Answer | ((call: RecordedCall) => Answer)): FetchLike & { calls: RecordedCall[] } {
  const calls: RecordedCall[] = [];
  const fn = async (input: string, init: RequestInit = {}) => {
    const headers = Object.fromEntries(new Headers(init.headers).entries());
    const call: RecordedCall = { url: input, method: init.method ?? 'GET', headers, body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined };
    calls.push(call);
    const a = typeof answer === 'function' ? answer(call) : answer;
    if (a instanceof Error) throw a;
    const text = a.text ?? (a.json === undefined ? '' : JSON.stringify(a.json));
    return new Response(text, { status: a.status ?? 200, headers: { 'content-type': 'application/json' } });
  };
  return Object.assign(fn, { calls });
}
