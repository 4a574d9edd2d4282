import { browser } from 'wxt/browser';
import { CHIME_MESSAGE } from '@/lib/background/chime';
import { playChimeOn } from '@/lib/background/chime-sound';

// Chrome's offscreen document: the one place a MV3 extension can make a sound.
const context = new AudioContext();
browser.runtime.onMessage.addListener((message: unknown) => {
  if (typeof message === 'object' && message !== null && 'type' in message && message.type === CHIME_MESSAGE) {
    void playChimeOn(context);
  }
});
