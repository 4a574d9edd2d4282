import { toast } from './views/widgets.js';

// The avatar menu at the right end of the top bar (WAI-ARIA menu button pattern:
// https://www.w3.org/WAI/ARIA/apg/patterns/menu-button/). It is the control Baton's tests use to prove
// the sidebar never covers the CRM's own buttons.

export function setupUserMenu({ button, menu }) {
  const items = () => [...menu.querySelectorAll('[role="menuitem"]')];
  const isOpen = () => button.getAttribute('aria-expanded') === 'true';

  const open = (focusIndex = 0) => {
    menu.hidden = false;
    button.setAttribute('aria-expanded', 'true');
    const all = items();
    all.at(focusIndex)?.focus();
  };
  const close = (returnFocus = true) => {
    if (!isOpen()) return;
    menu.hidden = true;
    button.setAttribute('aria-expanded', 'false');
    if (returnFocus) button.focus();
  };

  button.addEventListener('click', () => (isOpen() ? close() : open()));
  button.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      open(event.key === 'ArrowDown' ? 0 : -1);
    }
  });

  menu.addEventListener('keydown', (event) => {
    const all = items();
    const at = all.indexOf(document.activeElement);
    const target = { ArrowDown: (at + 1) % all.length, ArrowUp: (at - 1 + all.length) % all.length, Home: 0, End: all.length - 1 }[event.key];
    if (target !== undefined) {
      event.preventDefault();
      all[target].focus();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      close();
    } else if (event.key === 'Tab') {
      close(false);
    }
  });

  menu.addEventListener('click', (event) => {
    const item = event.target instanceof Element ? event.target.closest('[role="menuitem"]') : null;
    if (!item) return;
    close();
    toast(`${item.textContent.trim()}: not available in the demo CRM.`);
  });

  document.addEventListener('pointerdown', (event) => {
    if (!button.contains(event.target) && !menu.contains(event.target)) close(false);
  });
}
