import { memo } from 'preact/compat';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { AgentPresence } from '@/lib/realtime/agent-presence';
import { useT } from '../i18n-context';

const FOCUSABLE = 'button:not([disabled]), input:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/** Colleagues per block; a block out of view is skipped by layout (content-visibility in style.css). */
const BLOCK = 50;

interface OptionProps {
  agent: AgentPresence;
  chosen: boolean;
  /** Filtered out by the search: hidden rather than removed, so clearing the search rebuilds nothing. */
  hidden: boolean;
  onChoose: (clientId: string) => void;
}

/** One colleague. Memoised on what it shows: a keystroke in the search box re-renders only the rows it hides or shows. */
const AgentOption = memo(
  function AgentOption({ agent, chosen, hidden, onChoose }: OptionProps) {
    const t = useT();
    return (
      <label class={`agent-option${chosen ? ' chosen' : ''}`} hidden={hidden}>
        <input type="radio" name="transfer-to" value={agent.clientId} checked={chosen} onChange={() => onChoose(agent.clientId)} />
        <span class="agent-name">{agent.name}</span>
        <span class="agent-meta">
          <span class="status-dot-inline" aria-hidden="true" />
          {t('statusPresent')} · {t('agentChats', String(agent.activeChats))}
        </span>
      </label>
    );
  },
  (before, after) =>
    before.chosen === after.chosen &&
    before.hidden === after.hidden &&
    before.onChoose === after.onChoose &&
    before.agent.clientId === after.agent.clientId &&
    before.agent.name === after.agent.name &&
    before.agent.activeChats === after.agent.activeChats,
);

/**
 * "Transfer to": Present colleagues (live), searchable, with their number of chats, and a
 * note. A modal dialog: focus starts in the search box, Tab stays inside, Escape closes.
 */
export function TransferDialog(props: {
  agents: readonly AgentPresence[];
  onTransfer: (to: string, note: string) => Promise<{ ok: boolean; error?: { message: string } }>;
  onClose: () => void;
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

  const needle = query.trim().toLocaleLowerCase();
  // Lower-cased once per list, not once per keystroke: the filter stays well inside a frame at 1,000 colleagues.
  const searchable = useMemo(() => props.agents.map((agent) => agent.name.toLocaleLowerCase()), [props.agents]);
  const matches = useMemo(() => searchable.map((name) => needle === '' || name.includes(needle)), [searchable, needle]);
  const shownCount = matches.filter(Boolean).length;
  // Someone who went Away (or disconnected) cannot be chosen any more.
  const target = chosen !== null && props.agents.some((agent) => agent.clientId === chosen) ? chosen : null;

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      props.onClose();
      return;
    }
    if (event.key !== 'Tab') return;
    const focusable = [...(dialogRef.current?.querySelectorAll<HTMLElement>(FOCUSABLE) ?? [])];
    const first = focusable[0];
    const last = focusable.at(-1);
    if (!first || !last) return;
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    if (target === null || busy) return;
    setBusy(true);
    const outcome = await props.onTransfer(target, note);
    setBusy(false);
    if (outcome.ok) props.onClose();
    else setError(outcome.error?.message ?? null);
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
              {shownCount === 0 && <p class="empty">{t('noAgentsMatch')}</p>}
              <fieldset class="agent-list" hidden={shownCount === 0}>
                <legend class="visually-hidden">{t('transferTo')}</legend>
                {Array.from({ length: Math.ceil(props.agents.length / BLOCK) }, (_, block) => (
                  <div key={block} class="agent-block">
                    {props.agents.slice(block * BLOCK, (block + 1) * BLOCK).map((agent, offset) => (
                      <AgentOption key={agent.clientId} agent={agent} chosen={agent.clientId === target} hidden={!matches[block * BLOCK + offset]} onChoose={setChosen} />
                    ))}
                  </div>
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
