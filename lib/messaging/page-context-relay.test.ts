import { describe, expect, it, vi } from 'vitest';
import type { ViewUpdate } from './protocol.ts';
import { createPageContextRelay, type ViewPort } from './page-context-relay.ts';

type PageContextUpdate = Extract<ViewUpdate, { type: 'page-context' }>;

function fakePort() {
  const received: PageContextUpdate[] = [];
  const disconnectListeners: Array<() => void> = [];
  const port: ViewPort = {
    postMessage: (message) => {
      if (message.type === 'page-context') received.push(message);
    },
    onDisconnect: { addListener: (listener) => disconnectListeners.push(listener) },
  };
  return { port, received, disconnect: () => disconnectListeners.forEach((listener) => listener()) };
}

const report = { url: 'http://127.0.0.1/crm/default.aspx?person_main&person_id=4', title: 'Eva Holm – Nordlys CRM' };

describe('createPageContextRelay', () => {
  it('gives a view that connects late the context its tab already reported', () => {
    const relay = createPageContextRelay();
    relay.report(7, report);
    const view = fakePort();
    relay.connect(7, view.port);
    expect(view.received).toEqual([
      { type: 'page-context', context: { url: report.url, title: 'Eva Holm', record: { kind: 'person', id: '4' } } },
    ]);
  });

  it('sends null to a view whose tab has reported nothing yet, then the live update', () => {
    const relay = createPageContextRelay();
    const view = fakePort();
    relay.connect(3, view.port);
    relay.report(3, report);
    expect(view.received.map((update) => update.context?.title ?? null)).toEqual([null, 'Eva Holm']);
  });

  it('keeps tabs apart', () => {
    const relay = createPageContextRelay();
    const mine = fakePort();
    relay.connect(1, mine.port);
    relay.report(2, report);
    expect(mine.received).toHaveLength(1);
  });

  it('stops sending to a view after it disconnects', () => {
    const relay = createPageContextRelay();
    const view = fakePort();
    relay.connect(1, view.port);
    view.disconnect();
    relay.report(1, report);
    expect(view.received).toHaveLength(1);
  });

  it('drops malformed reports with a reason and keeps the last good context', () => {
    const onDrop = vi.fn();
    const relay = createPageContextRelay(onDrop);
    relay.report(1, report);
    expect(relay.report(1, { url: 'javascript:alert(1)', title: 'x' })).toBe(false);
    expect(onDrop).toHaveBeenCalledWith('page context: malformed report');
    const view = fakePort();
    relay.connect(1, view.port);
    expect(view.received[0]?.context?.title).toBe('Eva Holm');
  });
});
