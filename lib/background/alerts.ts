import { browser } from 'wxt/browser';
import type { SessionSnapshot } from '../session/session-snapshot.ts';
import type { EffectiveConfig } from './effective-config.ts';
import { badgeText, noticesBetween, offersWithdrawn, type Notice, type WithdrawnOffer } from './notices.ts';

export interface AlertsDeps {
  showNotice(notice: Notice, snapshot: SessionSnapshot, config: EffectiveConfig): void;
  /** An offer's notice is over (notices.ts `offersWithdrawn`): take it off the screen if it is there. */
  withdrawNotice(offer: WithdrawnOffer): void;
  setBadge?(text: string): Promise<void>;
}

/**
 * What the agent is told outside the views, from one snapshot to the next: the toolbar badge (offers waiting
 * for an answer) and the notices (a new offer, the outcome of mine; notices.ts decides which), and an offer's
 * notice withdrawn once the offer is over.
 */
export function createAlerts(deps: AlertsDeps) {
  const setBadge = deps.setBadge ?? ((text: string) => browser.action.setBadgeText({ text }));
  let last: SessionSnapshot | null = null;
  /**
   * The text last given to the badge. Every change in the session is a snapshot (a presence update, a token renewed,
   * a message), and each badge call is a trip to the browser process, which redraws the toolbar icon: measured, one
   * per snapshot crowded the very moments an offer travels to the views. So the badge is set only when its text
   * changes (the browser keeps it while the worker sleeps), and again after a call that failed.
   */
  let badge: string | undefined;
  return {
    /** A new snapshot; notices only once the run knows its settings (`config`), the badge when its text changes. */
    update(snapshot: SessionSnapshot, config: EffectiveConfig | null) {
      const previous = last;
      last = snapshot;
      const text = badgeText(snapshot);
      if (text !== badge) {
        badge = text;
        // A browser without a toolbar badge (or a test's) must not stop the notices.
        void Promise.resolve()
          .then(() => setBadge(text))
          .catch(() => {
            if (badge === text) badge = undefined;
          });
      }
      if (config) for (const notice of noticesBetween(previous, snapshot)) deps.showNotice(notice, snapshot, config);
      // Whatever the settings: a notice shown before they changed goes too.
      for (const offer of offersWithdrawn(previous, snapshot)) deps.withdrawNotice(offer);
    },
  };
}
