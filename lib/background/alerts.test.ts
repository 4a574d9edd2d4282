import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_SETTINGS } from '../policy/defaults.ts';
import { resolveSettings } from '../policy/effective-settings.ts';
import type { ChatSnapshot, SessionSnapshot } from '../session/session-snapshot.ts';
import { createAlerts } from './alerts.ts';
import type { EffectiveConfig } from './effective-config.ts';
import { badgeText, noticesBetween, offersWithdrawn } from './notices.ts';

const offer = { transferId: 't1', from: 'alice', to: 'bob', note: 'VIP', offeredAt: 1, expiresAt: 2, accepted: false, overdue: false };
const chat = (over: Partial<ChatSnapshot>): ChatSnapshot => ({ chatId: 'c1', visitorName: 'Ada', canRespond: false, pendingOffer: null, lastOffer: null, ...over }) as ChatSnapshot;
const snapshot = (chats: ChatSnapshot[], me = 'bob'): SessionSnapshot => ({
  connection: { phase: 'connected', error: null, since: 0 },
  me: { clientId: me, name: me, manager: false, listener: false },
  status: 'present',
  agents: [],
  lobby: [],
  chats,
  offerTimeoutMs: 120_000,
  now: 0,
});
const config: EffectiveConfig = { settings: DEFAULT_SETTINGS, effective: resolveSettings(DEFAULT_SETTINGS, {}, {}), problems: [] };

describe('noticesBetween', () => {
  it('tells the receiver of a new offer once', () => {
    const offered = snapshot([chat({ canRespond: true, pendingOffer: offer })]);
    expect(noticesBetween(snapshot([]), offered)).toEqual([{ kind: 'offer', chatId: 'c1', transferId: 't1', from: 'alice', visitorName: 'Ada', note: 'VIP' }]);
    expect(noticesBetween(offered, offered)).toEqual([]);
  });

  it('tells the sender how their offer ended, not a superseded one, and not someone else\'s', () => {
    const before = snapshot([chat({})], 'alice');
    const ended = (status: 'rejected' | 'superseded', from = 'alice') => snapshot([chat({ lastOffer: { transferId: 't1', status, from, to: 'bob', at: 3, reason: null, cause: null } })], 'alice');
    expect(noticesBetween(before, ended('rejected'))).toEqual([
      { kind: 'outcome', chatId: 'c1', transferId: 't1', ending: { transferId: 't1', status: 'rejected', from: 'alice', to: 'bob', at: 3, reason: null, cause: null } },
    ]);
    expect(noticesBetween(before, ended('superseded'))).toEqual([]);
    expect(noticesBetween(before, ended('rejected', 'carla'))).toEqual([]);
  });
});

describe('offersWithdrawn', () => {
  const offered = snapshot([chat({ canRespond: true, pendingOffer: offer }), chat({ chatId: 'c2', pendingOffer: { ...offer, transferId: 't2', to: 'carla' } })]);

  it('names an offer to me that can no longer be answered, however it ended', () => {
    const ended = [
      snapshot([chat({ pendingOffer: null })]), // accepted, rejected, cancelled, expired
      snapshot([chat({ canRespond: true, pendingOffer: { ...offer, transferId: 't3' } })]), // superseded by a new offer
      snapshot([]), // the chat left the session (signed out)
    ];
    for (const next of ended) expect(offersWithdrawn(offered, next)).toEqual([{ chatId: 'c1', transferId: 't1' }]);
  });

  it('names nothing while my offer stands, for an offer to a colleague, or on the first snapshot', () => {
    expect(offersWithdrawn(offered, offered)).toEqual([]);
    expect(offersWithdrawn(offered, snapshot([chat({ canRespond: true, pendingOffer: offer, visitorName: 'Bo' })]))).toEqual([]);
    expect(offersWithdrawn(null, offered)).toEqual([]);
  });
});

describe('badgeText', () => {
  it('counts the offers waiting for an answer, and shows nothing without one', () => {
    expect(badgeText(snapshot([chat({ canRespond: true }), chat({ chatId: 'c2', canRespond: true }), chat({ chatId: 'c3' })]))).toBe('2');
    expect(badgeText(snapshot([chat({})]))).toBe('');
  });
});

describe('createAlerts', () => {
  it('keeps the badge and raises notices between snapshots, once the settings are known', async () => {
    const showNotice = vi.fn();
    const setBadge = vi.fn(async (_text: string) => {});
    const alerts = createAlerts({ showNotice, withdrawNotice: vi.fn(), setBadge });
    const offered = snapshot([chat({ canRespond: true, pendingOffer: offer })]);
    alerts.update(offered, null);
    expect(showNotice).not.toHaveBeenCalled();
    alerts.update(snapshot([]), config);
    alerts.update(offered, config);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(setBadge.mock.calls.map(([text]) => text)).toEqual(['1', '', '1']);
    expect(showNotice).toHaveBeenCalledTimes(1);
    expect(showNotice).toHaveBeenCalledWith(expect.objectContaining({ kind: 'offer', transferId: 't1' }), offered, config);
  });

  it('sets the badge only when its text changes, and again after a call that failed', async () => {
    const setBadge = vi.fn(async (_text: string) => {});
    const alerts = createAlerts({ showNotice: vi.fn(), withdrawNotice: vi.fn(), setBadge });
    const offered = snapshot([chat({ canRespond: true, pendingOffer: offer })]);
    const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
    // A presence update, a renewed token, a message: snapshots that leave the count as it was.
    for (const next of [snapshot([]), snapshot([]), offered, offered, snapshot([chat({ canRespond: true, pendingOffer: offer, visitorName: 'Bo' })])]) alerts.update(next, config);
    await settle();
    expect(setBadge.mock.calls.map(([text]) => text)).toEqual(['', '1']);

    setBadge.mockRejectedValueOnce(new Error('the browser is busy'));
    alerts.update(snapshot([]), config);
    await settle();
    alerts.update(snapshot([]), config);
    await settle();
    expect(setBadge.mock.calls.map(([text]) => text)).toEqual(['', '1', '', '']);
  });

  it('withdraws an offer’s notice when the offer is over, whether or not the settings are known', () => {
    const withdrawNotice = vi.fn();
    const alerts = createAlerts({ showNotice: vi.fn(), withdrawNotice, setBadge: async () => {} });
    alerts.update(snapshot([chat({ canRespond: true, pendingOffer: offer })]), config);
    alerts.update(snapshot([chat({ canRespond: true, pendingOffer: offer })]), config);
    expect(withdrawNotice).not.toHaveBeenCalled();
    alerts.update(snapshot([chat({})]), null);
    expect(withdrawNotice).toHaveBeenCalledExactlyOnceWith({ chatId: 'c1', transferId: 't1' });
  });

  it('still raises notices when the badge cannot be set', () => {
    const showNotice = vi.fn();
    const alerts = createAlerts({ showNotice, withdrawNotice: vi.fn(), setBadge: () => Promise.reject(new Error('no toolbar')) });
    alerts.update(snapshot([]), config);
    alerts.update(snapshot([chat({ canRespond: true, pendingOffer: offer })]), config);
    expect(showNotice).toHaveBeenCalledTimes(1);
  });
});
