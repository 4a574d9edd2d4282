import { describe, expect, it } from 'vitest';
import { parseViewPreferencesHash, viewPreferencesHash } from './preferences-hash';

describe('view preferences in the sidebar URL fragment', () => {
  it('round-trips every preference', () => {
    for (const preferences of [
      { language: 'da', status: 'away', collapsed: true },
      { language: 'auto', status: 'present', collapsed: false },
      { language: 'en', status: 'present', collapsed: true },
    ] as const) {
      expect(parseViewPreferencesHash(viewPreferencesHash(preferences))).toEqual(preferences);
    }
  });
  it('ignores a missing, partial or forged fragment (the sidebar then reads storage)', () => {
    for (const hash of ['', '#', '#lang=da&status=away', '#lang=xx&status=away&collapsed=1', '#lang=da&status=busy&collapsed=0', '#lang=da&status=away&collapsed=yes', '#<img src=x>']) {
      expect(parseViewPreferencesHash(hash)).toBeNull();
    }
  });
});
