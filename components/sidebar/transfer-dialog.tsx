import { memo } from 'preact/compat';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { ErrorInfo } from '@/lib/errors';
import { errorText } from '@/lib/i18n/error-text';
import { candidatesFor, chooseTargets, SHOWN_TARGETS } from '@/lib/models/transfer-choices';
import type { AgentPresence } from '@/lib/realtime/agent-presence';
import { useT } from '../i18n-context';
import { onModalKeyDown } from './modal-keys';

interface OptionProps {
  agent: AgentPresence;
  chosen: boolean;
  onChoose: (clientId: string) => void;
}

/** One colleague. Memoised on what it shows: a keystroke re-renders only the rows that came into the list. */
const AgentOption = memo(
  function AgentOption({ agent, chosen, onChoose }: OptionProps) {
    const t = useT();
    return (
      <label class={`agent-option${chosen ? ' chosen' : ''}`}>
        <input type="radio" name="transfer-to" value={agent.clientId} checked={chosen} onChange={() => onChoose(agent.clientId)} />
        <span class="agent-name">{agent.name}</span>
        <span class="agent-meta">
          <span class="status-dot-inline" aria-hidden="true" />
          {t('statusPresent')} · {t('agentChats', { count: agent.activeChats })}
        </span>
      </label>
    );
  },
  (before, after) =>
    before.chosen === after.chosen &&
    before.onChoose === after.onChoose &&
    before.agent.clientId === after.agent.clientId &&
    before.agent.name === after.agent.name &&
    before.agent.activeChats === after.agent.activeChats,
);

/** Within the background's 30-second lease on other teams' presence. */
const WATCH_RENEW_MS = 20_000;

/**
 * "Transfer to": Present colleagues (live), searchable, with their number of chats, and a
 * note. A modal dialog: focus starts in the search box, Tab stays inside, Escape closes.
 * It lists the best matches only (see chooseTargets), and says so, so each keystroke
 * lays out a screenful of rows whether 5 or 1,000 colleagues are present.
 */
export function TransferDialog(props: {
  agents: readonly AgentPresence[];
  onTransfer: (to: string, note: string) => Promise<{ ok: boolean; error?: ErrorInfo }>;
  onClose: () => void;
  /** Asks the background to list every team's colleagues; called when a search starts, renewed while it lasts. */
  onWatch?: () => void;
}) {
  const t = useT();
  const [query, setQuery] = useState('');
  const [note, setNote] = useState('');
  const [chosen, setChosen] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const dialogRef = useRef<HTMLDivElement>(null);
  const searchRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    searchRef.current?.focus();
  }, []);

  // My team is listed live all the time. Searching is how an agent looks beyond it: while a search is typed, the
  // background follows every team's presence on a 30-second lease (lib/session/colleague-shards.ts). Not on every
  // opening: reading every team costs a message per colleague of the organisation, which would make each
  // agent's Ably bill grow with the organisation's size (docs/architecture.md, "Scale past one channel").
  const onWatch = props.onWatch;
  const searching = query.trim() !== '';
  useEffect(() => {
    if (!onWatch || !searching) return;
    onWatch();
    const renew = setInterval(onWatch, WATCH_RENEW_MS);
    return () => clearInterval(renew);
  }, [onWatch, searching]);

  // Sorted and lower-cased once per presence update, not once per keystroke.
  const candidates = useMemo(() => candidatesFor(props.agents), [props.agents]);
  const { shown, matching } = useMemo(() => chooseTargets(candidates, query, SHOWN_TARGETS, chosen), [candidates, query, chosen]);
  // Someone who went Away (or disconnected) cannot be chosen any more.
  const target = chosen !== null && props.agents.some((agent) => agent.clientId === chosen) ? chosen : null;
  const format = (count: number) => count.toLocaleString(document.documentElement.lang || undefined);

  const onKeyDown = (event: KeyboardEvent) => onModalKeyDown(event, dialogRef.current, props.onClose);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (target === null || busy) return;
    setBusy(true);
    const outcome = await props.onTransfer(target, note);
    setBusy(false);
    if (outcome.ok) props.onClose();
    else setError(errorText(t, outcome.error ?? { code: 'refused' }));
  };

  return (
    <div class="dialog-backdrop">
      <div class="dialog" role="dialog" aria-modal="true" aria-labelledby="transfer-heading" ref={dialogRef} onKeyDown={onKeyDown}>
        <h2 id="transfer-heading">{t('transferTo')}</h2>
        <form onSubmit={submit}>
          <label class="field">
            <span>{t('searchAgents')}</span>
            <input ref={searchRef} type="search" value={query} onInput={(event) => setQuery(event.currentTarget.value)} />
          </label>
          {props.agents.length === 0 ? (
            <p class="empty">{t('noAgentsPresent')}</p>
          ) : (
            <>
              {matching === 0 && <p class="empty">{t('noAgentsMatch')}</p>}
              {/* Always in the tree, so screen readers hear the line change as the search narrows or widens the list. */}
              <p class="agent-count" aria-live="polite">
                {matching > SHOWN_TARGETS ? t('transferShowingSome', format(SHOWN_TARGETS), format(matching)) : ''}
              </p>
              <fieldset class="agent-list" hidden={shown.length === 0}>
                <legend class="visually-hidden">{t('transferTo')}</legend>
                {shown.map((agent) => (
                  <AgentOption key={agent.clientId} agent={agent} chosen={agent.clientId === target} onChoose={setChosen} />
                ))}
              </fieldset>
            </>
          )}
          <label class="field">
            <span>{t('transferNote')}</span>
            <textarea rows={2} maxLength={500} value={note} onInput={(event) => setNote(event.currentTarget.value)} />
          </label>
          {error && (
            <p class="command-error" role="alert">
              {error}
            </p>
          )}
          <div class="dialog-actions">
            <button type="button" class="secondary-button" onClick={props.onClose}>
              {t('cancel')}
            </button>
            <button type="submit" class="primary-button" disabled={target === null || busy}>
              {t('transfer')}
            </button>
          </div>
        </form>
      </div>
    </div>
  );
}
