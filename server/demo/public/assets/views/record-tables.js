import { h } from '../dom.js';
import { PRIORITY_LABELS, STAGE_LABELS, STATUS_LABELS, formatDate, formatMoney } from '../format.js';
import { companyUrl, personUrl, requestUrl } from '../routes.js';
import { dataTable } from './data-table.js';
import { badge } from './widgets.js';

// Request and sale tables, shared by the list views and the Requests/Sales tabs of person and company.

const STATUS_TONES = { open: 'blue', 'in-progress': 'amber', waiting: 'grey', closed: 'green' };
const STAGE_TONES = { lead: 'grey', proposal: 'blue', negotiation: 'amber', won: 'green', lost: 'red' };

export function requestTable(requests, { withPerson = true, caption = 'Requests' } = {}) {
  return dataTable({
    caption,
    empty: 'No requests.',
    rows: requests,
    columns: [
      { label: 'Title', className: 'col-wide', cell: (r) => h('a', { href: requestUrl(r.id) }, r.title) },
      { label: 'ID', className: 'col-nowrap col-muted', cell: (r) => r.number ?? `#${r.id}` },
      withPerson && { label: 'Contact', cell: (r) => (r.personName ? h('a', { href: personUrl(r.personId) }, r.personName) : '—') },
      withPerson && { label: 'Company', cell: (r) => (r.companyName ? h('a', { href: companyUrl(r.companyId) }, r.companyName) : '—') },
      { label: 'Status', cell: (r) => badge(STATUS_LABELS[r.status] ?? r.status, STATUS_TONES[r.status] ?? 'grey') },
      { label: 'Priority', cell: (r) => h('span', { class: `priority priority-${r.priority}` }, PRIORITY_LABELS[r.priority] ?? r.priority) },
      { label: 'Updated', className: 'col-nowrap', cell: (r) => formatDate(r.updatedAt) },
    ].filter(Boolean),
  });
}

export function saleTable(sales, { withPerson = true, caption = 'Sales' } = {}) {
  return dataTable({
    caption,
    empty: 'No sales.',
    rows: sales,
    columns: [
      { label: 'Sale', className: 'col-wide', cell: (s) => s.title },
      withPerson && { label: 'Contact', cell: (s) => (s.personName ? h('a', { href: personUrl(s.personId) }, s.personName) : '—') },
      withPerson && { label: 'Company', cell: (s) => (s.companyName ? h('a', { href: companyUrl(s.companyId) }, s.companyName) : '—') },
      { label: 'Stage', cell: (s) => badge(STAGE_LABELS[s.stage] ?? s.stage, STAGE_TONES[s.stage] ?? 'grey') },
      { label: 'Amount', className: 'col-number', cell: (s) => formatMoney(s.amount, s.currency) },
      { label: 'Close date', className: 'col-nowrap', cell: (s) => formatDate(s.closeDate) },
    ].filter(Boolean),
  });
}
