import { h } from '../dom.js';

// WAI-ARIA tabs with automatic activation: arrow keys, Home and End move and select.
// https://www.w3.org/WAI/ARIA/apg/patterns/tabs/

let nextId = 0;

/** tabs: [{ label, count?, render() → Node }]; panels render lazily on first selection. */
export function tabView(label, tabs) {
  const prefix = `tabs-${++nextId}`;
  const list = h('div', { class: 'tab-list', role: 'tablist', 'aria-label': label });
  const panels = [];
  const buttons = tabs.map((tab, i) => {
    const button = h(
      'button',
      { type: 'button', role: 'tab', id: `${prefix}-tab-${i}`, 'aria-controls': `${prefix}-panel-${i}`, class: 'tab' },
      tab.label,
      tab.count !== undefined ? h('span', { class: 'tab-count' }, String(tab.count)) : null,
    );
    button.addEventListener('click', () => select(i));
    panels.push(h('div', { role: 'tabpanel', id: `${prefix}-panel-${i}`, 'aria-labelledby': button.id, class: 'tab-panel', tabindex: '0', hidden: true }));
    return button;
  });
  const rendered = new Set();

  function select(index, focus = false) {
    buttons.forEach((button, i) => {
      const selected = i === index;
      button.setAttribute('aria-selected', String(selected));
      button.tabIndex = selected ? 0 : -1;
      panels[i].hidden = !selected;
    });
    if (!rendered.has(index)) {
      rendered.add(index);
      panels[index].append(tabs[index].render());
    }
    if (focus) buttons[index].focus();
  }

  list.addEventListener('keydown', (event) => {
    const current = buttons.indexOf(document.activeElement);
    if (current < 0) return;
    const last = buttons.length - 1;
    const target = { ArrowRight: current === last ? 0 : current + 1, ArrowLeft: current === 0 ? last : current - 1, Home: 0, End: last }[event.key];
    if (target === undefined) return;
    event.preventDefault();
    select(target, true);
  });

  list.append(...buttons);
  select(0);
  return h('div', { class: 'tabs' }, list, panels);
}
