import { describe, expect, it } from 'vitest';
import { planAccept, planCancel, planEnd, planOffer, planReject } from './commands.ts';
import { OFFER_NOTICE_MS, offerNoticeTimeLeft } from './view.ts';
import { ANA, BO, CY, LIV, MAX, TIMEOUT, VISITOR, anasChat, offerToBo } from './flow-fixtures.ts';

// The chat core decides what each person may do; the views only show it (issue 13: no re-derived permissions).
const may = (view: { canLink: boolean; canCreateRequest: boolean; canClose: boolean }) => ({
  link: view.canLink,
  request: view.canCreateRequest,
  close: view.canClose,
});

describe('canLink, canCreateRequest, canClose', () => {
  it('the owner may link and record a request, but not close the window of an open chat', () => {
    const h = anasChat();
    expect(may(h.view(ANA))).toEqual({ link: true, request: true, close: false });
    expect(may(h.view(CY))).toEqual({ link: false, request: false, close: false });
    expect(may(h.view(VISITOR))).toEqual({ link: false, request: false, close: false });
  });

  it('a manager may link; listening in from the Dashboard leaves no trace, so neither link nor request there', () => {
    const h = anasChat();
    expect(may(h.view(MAX))).toEqual({ link: true, request: true, close: false });
    expect(may(h.view(MAX, { watching: true }))).toEqual({ link: false, request: false, close: true });
    expect(may(h.view(LIV, { watching: true }))).toEqual({ link: false, request: false, close: true });
  });

  it('the receiver of an open offer may do neither; after the transfer the former owner listens and may close', () => {
    const h = anasChat();
    offerToBo(h);
    expect(may(h.view(BO))).toEqual({ link: false, request: false, close: false });
    h.run(planAccept(h.state, BO, h.now, 'tr-1'), BO);
    h.arbitrate(ANA);
    expect(h.view(BO).myRole).toBe('owner');
    expect(may(h.view(ANA))).toEqual({ link: false, request: false, close: true });
    expect(may(h.view(ANA, { closed: true }))).toEqual({ link: false, request: false, close: false });
  });

  it('once the chat has ended its owner may still record it, and close the window', () => {
    const h = anasChat();
    h.run(planEnd(h.state, ANA, h.now), ANA);
    expect(may(h.view(ANA))).toEqual({ link: true, request: true, close: true });
    expect(planOffer(h.state, ANA, h.now, { to: 'bo', note: '', transferId: 'x', timeoutMs: TIMEOUT })).toEqual({ ok: false, reason: 'chat-ended' });
  });
});

describe('offerNoticeTimeLeft', () => {
  it('keeps a cancelled offer’s chat a minute for its receiver, not for the sender, nor after a rejection', () => {
    const h = anasChat();
    offerToBo(h);
    expect(offerNoticeTimeLeft(h.view(BO), 'bo', h.now)).toBe(0);
    h.run(planCancel(h.state, ANA, h.now, 'tr-1'), ANA);
    const at = h.view(BO).lastOffer!.at;
    expect(h.view(BO).staySubscribed).toBe(false);
    expect(offerNoticeTimeLeft(h.view(BO), 'bo', at)).toBe(OFFER_NOTICE_MS);
    expect(offerNoticeTimeLeft(h.view(BO), 'bo', at + OFFER_NOTICE_MS)).toBe(0);
    expect(offerNoticeTimeLeft(h.view(ANA), 'ana', at)).toBe(0);

    offerToBo(h, ANA, 'tr-2');
    h.run(planReject(h.state, BO, h.now, 'tr-2', 'busy'), BO);
    expect(offerNoticeTimeLeft(h.view(BO), 'bo', h.now)).toBe(0);
  });
});
