import { api } from '../api.js';
import { h } from '../dom.js';
import { fullName } from '../format.js';
import { companyUrl, personUrl, routeUrl } from '../routes.js';
import { activityList } from './activity-list.js';
import { dataTable } from './data-table.js';
import { requestTable, saleTable } from './record-tables.js';
import { tabView } from './tabs.js';
import { avatar, breadcrumbs, fieldList, pageHeader } from './widgets.js';

// Companies: the list (`?company_list`) and the company card (`?company_main&company_id=n`).

export async function renderCompanyList(_route, { signal }) {
  const companies = await api.companies(signal);
  const table = dataTable({
    caption: 'Companies',
    rows: companies,
    columns: [
      { label: 'Name', className: 'col-name', cell: (c) => h('span', { class: 'name-cell' }, avatar(c.name, 'sm'), h('a', { href: companyUrl(c.id) }, c.name)) },
      { label: 'Industry', cell: (c) => c.industry },
      { label: 'City', cell: (c) => c.city },
      { label: 'Country', cell: (c) => c.country },
      { label: 'Phone', className: 'col-nowrap', cell: (c) => c.phone },
      { label: 'Contacts', className: 'col-number', cell: (c) => String(c.personCount) },
    ],
  });
  const node = h('section', { class: 'view', 'aria-labelledby': 'view-title' }, pageHeader('Companies', { subtitle: `${companies.length} companies` }), table);
  return { title: ['Companies'], node };
}

export async function renderCompanyView(route, { signal }) {
  const { company, persons, activities, requests, sales } = await api.company(route.id, signal);
  const header = h(
    'div',
    { class: 'record-header card' },
    avatar(company.name, 'xl'),
    h(
      'div',
      { class: 'record-heading' },
      h('h1', { id: 'view-title', tabindex: '-1' }, company.name),
      h('p', { class: 'record-subtitle' }, `${company.industry} · ${company.city}, ${company.country}`),
      fieldList([
        ['Phone', h('a', { href: `tel:${company.phone.replace(/\s/g, '')}` }, company.phone)],
        ['Website', company.website],
        ['Contacts', String(persons.length)],
      ]),
    ),
  );
  const people = dataTable({
    caption: `Contacts at ${company.name}`,
    empty: 'No contacts registered.',
    rows: persons,
    columns: [
      { label: 'Name', className: 'col-name', cell: (p) => h('span', { class: 'name-cell' }, avatar(fullName(p), 'sm'), h('a', { href: personUrl(p.id) }, fullName(p))) },
      { label: 'Title', cell: (p) => p.title },
      { label: 'E-mail', cell: (p) => h('a', { href: `mailto:${p.email}`, class: 'quiet-link' }, p.email) },
      { label: 'Phone', className: 'col-nowrap', cell: (p) => p.phone },
    ],
  });
  const tabs = tabView(`${company.name} details`, [
    { label: 'Contacts', count: persons.length, render: () => people },
    { label: 'Activities', count: activities.length, render: () => activityList(activities, { withPerson: true }) },
    { label: 'Requests', count: requests.length, render: () => requestTable(requests, { caption: `Requests from ${company.name}` }) },
    { label: 'Sales', count: sales.length, render: () => saleTable(sales, { caption: `Sales with ${company.name}` }) },
  ]);
  const node = h(
    'section',
    { class: 'view', 'aria-labelledby': 'view-title' },
    breadcrumbs([['Companies', routeUrl('company_list')], [company.name]]),
    header,
    h('div', { class: 'card' }, tabs),
  );
  return { title: [company.name, 'Companies'], node };
}
