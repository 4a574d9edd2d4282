import { browser } from 'wxt/browser';
import { playChimeOn } from './chime-sound.ts';

export const CHIME_MESSAGE = 'baton:chime';
const OFFSCREEN_URL = '/offscreen.html';

/**
 * Plays the chime from the background. Firefox's background is an event page with
 * Web Audio; Chrome's service worker has none, so an offscreen document plays it.
 */
export async function playChime(): Promise<void> {
  if (typeof AudioContext !== 'undefined') return playChimeOn(new AudioContext());
  const offscreen = browser.offscreen;
  if (!offscreen) return;
  const existing = await browser.runtime.getContexts({ contextTypes: ['OFFSCREEN_DOCUMENT'] });
  if (existing.length === 0) {
    await offscreen.createDocument({
      url: OFFSCREEN_URL,
      reasons: ['AUDIO_PLAYBACK'],
      justification: 'Plays a short sound when a chat is transferred to the agent.',
    });
  }
  await browser.runtime.sendMessage({ type: CHIME_MESSAGE });
}
