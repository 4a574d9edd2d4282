import { browser } from 'wxt/browser';
import { OPEN_OPTIONS, parseFrameRequest } from '../messaging/frame-requests.ts';

/**
 * Answers a sidebar frame's one-shot request (lib/messaging/frame-requests.ts); true when
 * the message was one. A keep-awake request needs no answer: its delivery alone restarts
 * Firefox's idle timer for the event page.
 */
export function handleFrameRequest(message: unknown, senderId: string | undefined, onError: (reason: string) => void): boolean {
  const request = parseFrameRequest(message);
  if (!request || senderId !== browser.runtime.id) return false;
  if (request.type === OPEN_OPTIONS) void browser.runtime.openOptionsPage().catch((error: unknown) => onError(`unable to open the settings; ${String(error)}`));
  return true;
}
