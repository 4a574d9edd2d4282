import { h } from '../dom.js';
import { routeUrl } from '../routes.js';
import { pageHeader } from './widgets.js';

export function renderNotFound(message = 'This page does not exist, or the record was removed.') {
  const node = h(
    'section',
    { class: 'view', 'aria-labelledby': 'view-title' },
    pageHeader('Not found'),
    h('div', { class: 'card' }, h('p', {}, message), h('p', {}, h('a', { href: routeUrl('contact_list') }, 'Go to Contacts'))),
  );
  return { title: ['Not found'], node };
}
