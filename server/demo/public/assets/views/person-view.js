import { api } from '../api.js';
import { h, icon } from '../dom.js';
import { fullName } from '../format.js';
import { companyUrl, routeUrl } from '../routes.js';
import { activityList } from './activity-list.js';
import { companyCard } from './company-card.js';
import { requestTable, saleTable } from './record-tables.js';
import { tabView } from './tabs.js';
import { avatar, breadcrumbs, fieldList, toast } from './widgets.js';

// The person card (`?person_main&person_id=n`): who they are, how to reach them, and what is going on.
export async function renderPersonView(route, { signal }) {
  const { person, company, activities, requests, sales } = await api.person(route.id, signal);
  const name = fullName(person);

  const header = h(
    'div',
    { class: 'record-header card' },
    avatar(name, 'xl'),
    h(
      'div',
      { class: 'record-heading' },
      h('h1', { id: 'view-title', tabindex: '-1' }, name),
      h('p', { class: 'record-subtitle' }, person.title, company ? [' at ', h('a', { href: companyUrl(company.id) }, company.name)] : null),
      fieldList([
        ['E-mail', h('a', { href: `mailto:${person.email}` }, person.email)],
        ['Phone', h('a', { href: `tel:${person.phone.replace(/\s/g, '')}` }, person.phone)],
        ['Mobile', h('a', { href: `tel:${person.mobile.replace(/\s/g, '')}` }, person.mobile)],
        ['City', `${person.city}, ${person.country}`],
      ]),
    ),
    h(
      'div',
      { class: 'record-actions' },
      h('a', { class: 'button', href: `mailto:${person.email}` }, icon('mail'), h('span', {}, 'Send e-mail')),
      h('button', { type: 'button', class: 'button', onclick: () => toast('Follow-up added to your diary (demo).') }, icon('calendar'), h('span', {}, 'Add follow-up')),
    ),
  );

  const tabs = tabView(`${name} details`, [
    { label: 'Activities', count: activities.length, render: () => activityList(activities) },
    { label: 'Requests', count: requests.length, render: () => requestTable(requests, { withPerson: false, caption: `Requests from ${name}` }) },
    { label: 'Sales', count: sales.length, render: () => saleTable(sales, { withPerson: false, caption: `Sales with ${name}` }) },
  ]);

  const node = h(
    'section',
    { class: 'view', 'aria-labelledby': 'view-title' },
    breadcrumbs([['Contacts', routeUrl('contact_list')], [name]]),
    h('div', { class: 'record-layout' }, h('div', { class: 'record-main' }, header, h('div', { class: 'card' }, tabs)), company ? companyCard(company) : null),
  );
  return { title: [name, 'Contacts'], node };
}
