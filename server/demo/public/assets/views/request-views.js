import { api } from '../api.js';
import { h } from '../dom.js';
import { PRIORITY_LABELS, STATUS_LABELS, formatDateTime } from '../format.js';
import { companyUrl, personUrl, routeUrl } from '../routes.js';
import { requestTable } from './record-tables.js';
import { badge, breadcrumbs, fieldList, pageHeader } from './widgets.js';

// Requests (SuperOffice Service's tickets): the list (`?request_list`) and one request
// (`?request_main&request_id=n`), where Baton will open the requests it creates from chats (issue 6).

export async function renderRequestList(_route, { signal }) {
  const requests = await api.requests(signal);
  const open = requests.filter((r) => r.status !== 'closed').length;
  const node = h(
    'section',
    { class: 'view', 'aria-labelledby': 'view-title' },
    pageHeader('Requests', { subtitle: `${open} open of ${requests.length}` }),
    requestTable(requests),
  );
  return { title: ['Requests'], node };
}

export async function renderRequestView(route, { signal }) {
  const request = await api.request(route.id, signal);
  const node = h(
    'section',
    { class: 'view', 'aria-labelledby': 'view-title' },
    breadcrumbs([['Requests', routeUrl('request_list')], [`#${request.id}`]]),
    h(
      'div',
      { class: 'card record-header' },
      h(
        'div',
        { class: 'record-heading' },
        h('h1', { id: 'view-title', tabindex: '-1' }, request.title),
        h('p', { class: 'record-subtitle' }, `Request #${request.id} · ${request.category}`),
        fieldList([
          ['Status', badge(STATUS_LABELS[request.status] ?? request.status, 'blue')],
          ['Priority', PRIORITY_LABELS[request.priority] ?? request.priority],
          ['Contact', request.personName ? h('a', { href: personUrl(request.personId) }, request.personName) : '—'],
          ['Company', request.companyName ? h('a', { href: companyUrl(request.companyId) }, request.companyName) : '—'],
          ['Updated', formatDateTime(request.updatedAt)],
        ]),
      ),
    ),
    h('div', { class: 'card' }, h('h2', { class: 'card-title' }, 'Description'), h('p', { class: 'request-description' }, request.description)),
  );
  return { title: [`#${request.id} ${request.title}`, 'Requests'], node };
}
