import type { ComponentChildren } from 'preact';
import { useRef } from 'preact/hooks';

export interface TabDefinition<Id extends string> {
  id: Id;
  label: string;
}

/**
 * WAI-ARIA tabs with a roving tabindex: Tab reaches the selected tab, arrow keys,
 * Home and End move between tabs and select them.
 * https://www.w3.org/WAI/ARIA/apg/patterns/tabs/
 */
export function TabList<Id extends string>(props: {
  label: string;
  tabs: ReadonlyArray<TabDefinition<Id>>;
  selected: Id;
  onSelect: (id: Id) => void;
  children: ComponentChildren;
}) {
  const listRef = useRef<HTMLDivElement>(null);
  const index = props.tabs.findIndex((tab) => tab.id === props.selected);

  const move = (nextIndex: number) => {
    const count = props.tabs.length;
    const next = props.tabs[(nextIndex + count) % count];
    if (!next) return;
    props.onSelect(next.id);
    listRef.current?.querySelector<HTMLElement>(`#tab-${next.id}`)?.focus();
  };

  const onKeyDown = (event: KeyboardEvent) => {
    const moves: Record<string, number> = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: props.tabs.length - 1 };
    const target = moves[event.key];
    if (target === undefined) return;
    event.preventDefault();
    move(target);
  };

  return (
    <>
      <div class="tab-list" role="tablist" aria-label={props.label} ref={listRef} onKeyDown={onKeyDown}>
        {props.tabs.map((tab) => (
          <button
            type="button"
            role="tab"
            id={`tab-${tab.id}`}
            aria-selected={tab.id === props.selected}
            aria-controls={`panel-${tab.id}`}
            tabIndex={tab.id === props.selected ? 0 : -1}
            onClick={() => props.onSelect(tab.id)}
          >
            {tab.label}
          </button>
        ))}
      </div>
      <div class="tab-panel" role="tabpanel" id={`panel-${props.selected}`} aria-labelledby={`tab-${props.selected}`}>
        {props.children}
      </div>
    </>
  );
}
