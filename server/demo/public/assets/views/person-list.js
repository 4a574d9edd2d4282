import { api } from '../api.js';
import { h, icon } from '../dom.js';
import { fullName } from '../format.js';
import { companyUrl, personUrl, routeUrl } from '../routes.js';
import { dataTable } from './data-table.js';
import { avatar, pageHeader, toast, toolbarButton } from './widgets.js';

// Contacts: the person list, optionally filtered by the global search (`?contact_list&query=…`).
export async function renderPersonList(route, { signal }) {
  const persons = await api.searchPersons(route.query, { signal });
  const subtitle = route.query
    ? `${persons.length} ${persons.length === 1 ? 'match' : 'matches'} for “${route.query}”`
    : `${persons.length} contacts`;

  const table = dataTable({
    caption: 'Contacts',
    empty: 'No contacts match your search.',
    rows: persons,
    columns: [
      { label: 'Name', className: 'col-name', cell: (p) => h('span', { class: 'name-cell' }, avatar(fullName(p), 'sm'), h('a', { href: personUrl(p.id) }, fullName(p))) },
      { label: 'Company', className: 'col-nowrap', cell: (p) => h('a', { href: companyUrl(p.companyId) }, p.companyName) },
      { label: 'E-mail', className: 'col-secondary', cell: (p) => h('a', { href: `mailto:${p.email}`, class: 'quiet-link' }, p.email) },
      { label: 'Phone', className: 'col-nowrap col-optional', cell: (p) => p.phone },
      { label: 'City', className: 'col-optional', cell: (p) => p.city },
    ],
  });

  const actions = [toolbarButton('New contact', 'plus', () => toast('The demo CRM does not create contacts yet.'))];
  const node = h(
    'section',
    { class: 'view', 'aria-labelledby': 'view-title' },
    pageHeader('Contacts', { subtitle, actions }),
    table,
    // After the table, so the first link in <main> is always a contact.
    route.query ? h('p', { class: 'filter-note' }, icon('filter'), 'Filtered by search. ', h('a', { href: routeUrl('contact_list') }, 'Show all contacts')) : null,
  );
  return { title: [route.query ? `Search “${route.query}”` : null, 'Contacts'].filter(Boolean), node };
}
