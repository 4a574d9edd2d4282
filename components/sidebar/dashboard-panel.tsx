import { useEffect, useRef, useState } from 'preact/hooks';
import { formatElapsed, type DashboardRow } from '@/lib/models/dashboard';
import type { SessionSnapshot } from '@/lib/session/session-snapshot';
import { useT } from '../i18n-context';
import { agentName } from './names';
import { useNow } from './use-now';

/**
 * The Dashboard: ongoing chat sessions (then the queued ones) as a WAI-ARIA grid of rows with a roving tabindex.
 * Arrow keys, Home and End move between rows; Enter or a double-click opens the chat to listen in silently.
 * https://www.w3.org/WAI/ARIA/apg/patterns/grid/
 */
export function DashboardPanel(props: {
  rows: readonly DashboardRow[];
  session: SessionSnapshot | null;
  error: string | null;
  onListen: (chatId: string) => void;
  /** The chat the user just came back from: focus returns to its row (or to the heading if it is gone). */
  returnFocusTo: string | null;
}) {
  const t = useT();
  const now = useNow();
  const sectionRef = useRef<HTMLElement>(null);
  const [focusId, setFocusId] = useState<string | null>(props.returnFocusTo);
  const { rows } = props;
  // The roving tab stop: the remembered row while it is listed, else the first.
  const current = Math.max(
    0,
    rows.findIndex((row) => row.chatId === focusId),
  );

  const rowElement = (chatId: string) =>
    [...(sectionRef.current?.querySelectorAll<HTMLElement>('[data-chat-id]') ?? [])].find((element) => element.dataset['chatId'] === chatId);

  useEffect(() => {
    if (props.returnFocusTo === null) return;
    (rowElement(props.returnFocusTo) ?? sectionRef.current?.querySelector<HTMLElement>('h2'))?.focus();
    // Only when the list comes back, not on every update.
  }, []);

  const moveTo = (index: number) => {
    const row = rows[Math.min(rows.length - 1, Math.max(0, index))];
    if (!row) return;
    setFocusId(row.chatId);
    rowElement(row.chatId)?.focus();
  };

  const onKeyDown = (event: KeyboardEvent, index: number, chatId: string) => {
    const moves: Record<string, number> = { ArrowDown: index + 1, ArrowUp: index - 1, Home: 0, End: rows.length - 1 };
    const target = moves[event.key];
    if (target !== undefined) {
      event.preventDefault();
      moveTo(target);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      props.onListen(chatId);
    }
  };

  return (
    <section class="panel-section" aria-labelledby="dashboard-heading" ref={sectionRef}>
      <h2 id="dashboard-heading" tabIndex={-1}>
        {t('ongoingChatSessions')}
      </h2>
      {rows.length === 0 ? (
        <p class="empty">{t('dashboardEmpty')}</p>
      ) : (
        <>
          <p id="dashboard-hint" class="hint">
            {t('dashboardHint')}
          </p>
          <table role="grid" class="dashboard-grid" aria-labelledby="dashboard-heading" aria-describedby="dashboard-hint">
            <thead>
              <tr>
                <th scope="col">{t('columnVisitor')}</th>
                <th scope="col">{t('columnTopic')}</th>
                <th scope="col">{t('columnAgent')}</th>
                <th scope="col">{t('columnTime')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row, index) => (
                <tr
                  key={row.chatId}
                  data-chat-id={row.chatId}
                  class={row.owner === null ? 'queued' : undefined}
                  tabIndex={index === current ? 0 : -1}
                  onFocus={() => setFocusId(row.chatId)}
                  onKeyDown={(event) => onKeyDown(event, index, row.chatId)}
                  onDblClick={() => props.onListen(row.chatId)}
                >
                  <td>
                    <span class="chat-visitor">{row.visitorName || t('visitor')}</span>
                    {row.listening && <span class="badge listening-in">{t('listeningIn')}</span>}
                  </td>
                  <td class="chat-topic">{row.topic}</td>
                  <td>{row.owner === null ? <span class="badge queued">{t('inQueue')}</span> : agentName(props.session, row.owner)}</td>
                  <td class="elapsed">{formatElapsed(row.startedAt, now)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {props.error && (
        <p class="command-error" role="alert">
          {props.error}
        </p>
      )}
    </section>
  );
}
