import { signal } from '@preact/signals';
import { browser } from 'wxt/browser';
import { PopupApp } from '@/components/popup/popup-app';
import { startView } from '@/components/start-view';
import { connectToBackground } from '@/lib/messaging/view-connection';
import type { SessionSnapshot } from '@/lib/session/session-snapshot';
import { readLanguagePreference } from '@/lib/settings/preferences';
import '@/components/theme.css';
import './style.css';

async function start() {
  const session = signal<SessionSnapshot | null>(null);
  const background = connectToBackground((update) => {
    if (update.type === 'session') session.value = update.snapshot;
  });
  const answer = async (type: 'accept-transfer' | 'reject-transfer', chatId: string, transferId: string) => {
    const outcome = await background.send({ type, chatId, transferId });
    // Accepted: the background brings the CRM tab with this chat forward (or opens the CRM).
    if (outcome.ok && type === 'accept-transfer') void background.send({ type: 'reveal-chat', chatId });
    return outcome.ok ? null : outcome.error;
  };
  // A component, so reading the signal subscribes it to the background's updates.
  const Root = () => (
    <PopupApp
      session={session.value}
      onAccept={(chat) => answer('accept-transfer', chat.chatId, chat.pendingOffer!.transferId)}
      onReject={(chat) => answer('reject-transfer', chat.chatId, chat.pendingOffer!.transferId)}
      onOpenSettings={() => void browser.runtime.openOptionsPage()}
    />
  );
  startView('popupTitle', await readLanguagePreference(), () => <Root />);
}

void start();
