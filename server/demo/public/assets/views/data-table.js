import { h } from '../dom.js';
import { emptyState } from './widgets.js';

/**
 * A list table. columns: [{ label, cell(row) → Node|string, className? }]. The caption names the table
 * for assistive technology (visually hidden when the page header already says it).
 */
export function dataTable({ caption, columns, rows, empty = 'Nothing here yet.' }) {
  if (rows.length === 0) return emptyState(empty);
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      { class: 'data-table' },
      h('caption', { class: 'visually-hidden' }, caption),
      h('thead', {}, h('tr', {}, columns.map((c) => h('th', { scope: 'col', class: c.className }, c.label)))),
      h('tbody', {}, rows.map((row) => h('tr', {}, columns.map((c) => h('td', { class: c.className }, c.cell(row)))))),
    ),
  );
}
