import { describe, expect, it } from 'vitest';
import { KEEP_AWAKE, OPEN_OPTIONS, parseFrameRequest } from './frame-requests.ts';

describe('parseFrameRequest', () => {
  it('reads the two requests a sidebar frame sends', () => {
    expect(parseFrameRequest({ type: OPEN_OPTIONS })).toEqual({ type: OPEN_OPTIONS });
    expect(parseFrameRequest({ type: KEEP_AWAKE })).toEqual({ type: KEEP_AWAKE });
  });

  it('leaves every other message to the other listeners', () => {
    for (const message of [null, 'baton:open-options', {}, { type: 'page-context' }, { type: 42 }]) {
      expect(parseFrameRequest(message)).toBeUndefined();
    }
  });
});
