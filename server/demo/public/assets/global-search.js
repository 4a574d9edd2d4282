import { api } from './api.js';
import { h } from './dom.js';
import { fullName } from './format.js';
import { personUrl, routeUrl } from './routes.js';
import { avatar } from './views/widgets.js';

// The top bar's search: suggestions while typing (top matches as links), Enter for the full result
// list (`?contact_list&query=…`). "/" anywhere outside a text field jumps here, like in most web apps.

const SUGGESTIONS = 6;
const DEBOUNCE_MS = 150;

export function setupGlobalSearch({ form, input, popover, navigate }) {
  let timer;
  let pending;

  const close = () => {
    popover.hidden = true;
  };
  const links = () => [...popover.querySelectorAll('a')];

  const show = (query, persons) => {
    const items = persons.map((p) =>
      h('li', {}, h('a', { href: personUrl(p.id), class: 'suggestion' }, avatar(fullName(p), 'sm'),
        h('span', { class: 'suggestion-text' }, h('span', { class: 'suggestion-name' }, fullName(p)), h('span', { class: 'suggestion-meta' }, `${p.companyName} · ${p.email}`)))),
    );
    popover.replaceChildren(
      h('p', { class: 'suggestion-heading', id: 'search-suggestions-heading' }, persons.length ? 'Contacts' : `No contacts match “${query}”`),
      persons.length ? h('ul', { 'aria-labelledby': 'search-suggestions-heading' }, items) : null,
      h('a', { href: routeUrl('contact_list', { query }), class: 'suggestion-all' }, `Show all results for “${query}”`),
    );
    popover.hidden = false;
  };

  input.addEventListener('input', () => {
    clearTimeout(timer);
    pending?.abort();
    const query = input.value.trim();
    if (!query) return close();
    timer = setTimeout(() => {
      pending = new AbortController();
      api.searchPersons(query, { limit: SUGGESTIONS, signal: pending.signal }).then((persons) => show(query, persons), () => {});
    }, DEBOUNCE_MS);
  });

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const query = input.value.trim();
    close();
    navigate(routeUrl('contact_list', { query }));
  });

  // Arrow keys walk input → suggestions; Escape closes and returns to the input.
  form.addEventListener('keydown', (event) => {
    const all = links();
    const at = all.indexOf(document.activeElement);
    if (event.key === 'Escape') {
      if (popover.hidden) return;
      close();
      input.focus();
    } else if (event.key === 'ArrowDown' && !popover.hidden && all.length) {
      all[(at + 1) % all.length].focus();
    } else if (event.key === 'ArrowUp' && at >= 0) {
      (at === 0 ? input : all[at - 1]).focus();
    } else return;
    event.preventDefault();
  });

  popover.addEventListener('click', (event) => {
    if (event.target instanceof Element && event.target.closest('a')) {
      close();
      input.value = '';
    }
  });
  document.addEventListener('pointerdown', (event) => {
    if (!form.contains(event.target)) close();
  });
  form.addEventListener('focusout', (event) => {
    if (!form.contains(event.relatedTarget)) close();
  });

  document.addEventListener('keydown', (event) => {
    if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return;
    event.preventDefault();
    input.focus();
    input.select();
  });
}

function isTyping(target) {
  return target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
}
