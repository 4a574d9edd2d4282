import { describe, expect, it } from 'vitest';
import { countFrame } from './ably-count.ts';

describe('counting frames as Ably bills them', () => {
  it('counts each message and presence message of MESSAGE, PRESENCE and SYNC frames', () => {
    expect(countFrame(JSON.stringify({ action: 15, messages: [{}, {}] }))).toEqual({ messages: 2, errorCode: null });
    expect(countFrame(JSON.stringify({ action: 14, presence: [{}] }))).toEqual({ messages: 1, errorCode: null });
    expect(countFrame(JSON.stringify({ action: 16, presence: [{}, {}, {}] }))).toEqual({ messages: 3, errorCode: null });
  });

  it('counts nothing for heartbeats, ACKs and attaches, nor for what is not a frame', () => {
    for (const frame of [{ action: 0 }, { action: 1, msgSerial: 3 }, { action: 10, channel: 'x' }, { action: 11, messages: [{}] }]) {
      expect(countFrame(JSON.stringify(frame)).messages).toBe(0);
    }
    expect(countFrame('not json')).toEqual({ messages: 0, errorCode: null });
    expect(countFrame('null')).toEqual({ messages: 0, errorCode: null });
  });

  it('reads the error code a frame carries', () => {
    expect(countFrame(JSON.stringify({ action: 2, error: { code: 91003, statusCode: 400 } })).errorCode).toBe(91003);
    expect(countFrame(JSON.stringify({ action: 9, error: { code: '42910' } })).errorCode).toBeNull();
  });
});
