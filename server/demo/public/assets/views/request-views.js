import { api } from '../api.js';
import { h } from '../dom.js';
import { PRIORITY_LABELS, STATUS_LABELS, formatDateTime, formatTime } from '../format.js';
import { companyUrl, personUrl, routeUrl } from '../routes.js';
import { requestTable } from './record-tables.js';
import { badge, breadcrumbs, fieldList, pageHeader } from './widgets.js';

// Requests (SuperOffice Service's tickets): the list (`?request_list`) and one request
// (`?request_main&request_id=n`), where Baton opens the requests it creates from chats (issue 6), with the chat's
// transcript. Every name and line goes in as text (dom.js h()), so a visitor who types `<script>` sees it printed.

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
  const [request, messages] = await Promise.all([api.request(route.id, signal), api.ticketMessages(route.id, signal).catch(() => [])]);
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
        h('p', { class: 'record-subtitle' }, `Request ${request.number ?? `#${request.id}`} · ${request.category}`),
        fieldList([
          ['Status', badge(STATUS_LABELS[request.status] ?? request.status, 'blue')],
          ['Priority', PRIORITY_LABELS[request.priority] ?? request.priority],
          ['Contact', request.personName ? h('a', { href: personUrl(request.personId) }, request.personName) : '—'],
          ['Company', request.companyName ? h('a', { href: companyUrl(request.companyId) }, request.companyName) : '—'],
          ['Created', request.createdAt ? formatDateTime(request.createdAt) : ''],
          ['Updated', formatDateTime(request.updatedAt)],
        ]),
      ),
    ),
    request.description ? h('div', { class: 'card' }, h('h2', { class: 'card-title' }, 'Description'), h('p', { class: 'request-description' }, request.description)) : null,
    request.transcript?.length ? transcriptCard(request.transcript) : null,
    messages.length ? messagesCard(messages) : null,
  );
  return { title: [`${request.number ?? `#${request.id}`} ${request.title}`, 'Requests'], node };
}

/** The request's messages (SuperOffice's TicketMessage): Baton's SuperOffice adapter puts the chat log in the first. */
function messagesCard(messages) {
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'messages-title' },
    h('h2', { class: 'card-title', id: 'messages-title' }, `Messages (${messages.length})`),
    h(
      'ol',
      { class: 'transcript' },
      messages.map((m) =>
        h(
          'li',
          { class: 'transcript-line' },
          h('div', { class: 'transcript-meta' }, h('span', { class: 'transcript-author' }, m.Author || 'SuperOffice'), m.CreatedAt ? h('time', { datetime: m.CreatedAt }, formatDateTime(m.CreatedAt)) : null),
          h('p', { class: 'transcript-text' }, m.Body),
        ),
      ),
    ),
  );
}

const AUTHOR_KIND_LABELS = { visitor: 'Visitor', agent: 'Agent' };

/** The chat the request was created from, one list item per line: time, author, text. */
function transcriptCard(lines) {
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'transcript-title' },
    h('h2', { class: 'card-title', id: 'transcript-title' }, `Chat transcript (${lines.length} ${lines.length === 1 ? 'message' : 'messages'})`),
    h(
      'ol',
      { class: 'transcript' },
      lines.map((line) =>
        h(
          'li',
          { class: `transcript-line transcript-${line.authorKind === 'agent' ? 'agent' : 'visitor'}` },
          h(
            'div',
            { class: 'transcript-meta' },
            h('span', { class: 'transcript-author' }, line.author),
            h('span', { class: 'visually-hidden' }, ` (${AUTHOR_KIND_LABELS[line.authorKind] ?? line.authorKind}), `),
            h('time', { datetime: line.at }, formatTime(line.at)),
          ),
          h('p', { class: 'transcript-text' }, line.text),
        ),
      ),
    ),
  );
}
