import { useEffect, useRef, useState } from 'preact/hooks';
import { useT } from '../i18n-context';

export interface MenuItem {
  id: string;
  label: string;
  onSelect: () => void;
}

/**
 * The chat's ☰ menu: a menu button and a WAI-ARIA menu. Arrow keys, Home and End move,
 * Enter/Space choose, Escape and Tab close; focus returns to the button.
 * https://www.w3.org/WAI/ARIA/apg/patterns/menu-button/
 */
export function ChatMenu({ items, buttonRef }: { items: readonly MenuItem[]; buttonRef?: { current: HTMLButtonElement | null } }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const ownButton = useRef<HTMLButtonElement>(null);
  const button = buttonRef ?? ownButton;
  const menuRef = useRef<HTMLUListElement>(null);
  const [focusIndex, setFocusIndex] = useState(0);

  useEffect(() => {
    if (!open) return;
    const entries = menuRef.current?.querySelectorAll<HTMLElement>('[role="menuitem"]');
    entries?.[focusIndex]?.focus();
  }, [open, focusIndex]);

  useEffect(() => {
    if (!open) return;
    const onPointer = (event: PointerEvent) => {
      const target = event.target as Node | null;
      if (target && !menuRef.current?.contains(target) && !button.current?.contains(target)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointer);
    return () => document.removeEventListener('pointerdown', onPointer);
  }, [open, button]);

  const close = (refocus: boolean) => {
    setOpen(false);
    if (refocus) button.current?.focus();
  };

  const openAt = (index: number) => {
    if (items.length === 0) return;
    setFocusIndex((index + items.length) % items.length);
    setOpen(true);
  };

  const onButtonKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      openAt(0);
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      openAt(items.length - 1);
    }
  };

  const onMenuKeyDown = (event: KeyboardEvent) => {
    const count = items.length;
    const moves: Record<string, number> = { ArrowDown: focusIndex + 1, ArrowUp: focusIndex - 1, Home: 0, End: count - 1 };
    const target = moves[event.key];
    if (target !== undefined) {
      event.preventDefault();
      setFocusIndex((target + count) % count);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      close(true);
    } else if (event.key === 'Tab') {
      close(false);
    }
  };

  const choose = (item: MenuItem) => {
    close(true);
    item.onSelect();
  };

  return (
    <div class="chat-menu">
      <button
        ref={button}
        type="button"
        class="icon-button"
        aria-label={t('chatMenu')}
        title={t('chatMenu')}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? 'chat-menu-list' : undefined}
        disabled={items.length === 0}
        onClick={() => (open ? close(false) : openAt(0))}
        onKeyDown={onButtonKeyDown}
      >
        <span aria-hidden="true">☰</span>
      </button>
      {open && (
        <ul id="chat-menu-list" class="menu" role="menu" aria-label={t('chatMenu')} ref={menuRef} onKeyDown={onMenuKeyDown}>
          {items.map((item, index) => (
            <li
              key={item.id}
              role="menuitem"
              tabIndex={index === focusIndex ? 0 : -1}
              onClick={() => choose(item)}
              onKeyDown={(event) => {
                if (event.key === 'Enter' || event.key === ' ') {
                  event.preventDefault();
                  choose(item);
                }
              }}
            >
              {item.label}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
