import { WebSocket } from 'ws';
import { addError, countFrame, emptyTally, type Tally } from './ably-count.ts';

// The bench runs the hub and every client in one process, so it meters the hub's own sockets: what a
// server-side socket receives is inbound, what it sends is outbound, exactly the two sides Ably bills.
// REST reads (history, presence) are metered on fetch. Nothing here changes what is sent.

type Patched = typeof WebSocket.prototype & { _isServer?: boolean };

export function installWireMeter(): { tally: () => Tally; reset(): void; uninstall(): void } {
  let tally = emptyTally();
  const proto = WebSocket.prototype as Patched;
  const send = proto.send;
  const emit = proto.emit;
  const fetch = globalThis.fetch;
  proto.send = function (this: Patched, data: unknown, ...rest: unknown[]) {
    if (this._isServer && typeof data === 'string') {
      const count = countFrame(data);
      tally.outbound += count.messages;
      if (count.errorCode !== null) addError(tally, count.errorCode);
    }
    return (send as (...args: unknown[]) => void).call(this, data, ...rest);
  } as typeof proto.send;
  proto.emit = function (this: Patched, event: string | symbol, ...args: unknown[]) {
    if (this._isServer && event === 'message' && args[1] === false) tally.inbound += countFrame(String(args[0])).messages;
    return emit.call(this, event, ...args);
  } as typeof proto.emit;
  globalThis.fetch = async (input, init) => {
    const response = await fetch(input, init);
    const url = new URL(input instanceof Request ? input.url : String(input));
    if (url.pathname === '/auth/agent') tally.tokenRequests += 1;
    if (/^\/channels\/[^/]+\/(messages|presence)$/.test(url.pathname)) {
      const code = Number(response.headers.get('x-ably-errorcode'));
      if (code) addError(tally, code);
      else if (response.ok) {
        const body: unknown = await response.clone().json().catch(() => null);
        if (Array.isArray(body)) tally.outbound += body.length;
      }
    }
    return response;
  };
  return {
    tally: () => tally,
    reset: () => void (tally = emptyTally()),
    uninstall() {
      proto.send = send;
      proto.emit = emit;
      globalThis.fetch = fetch;
    },
  };
}
