import { h } from '../dom.js';
import { companyUrl } from '../routes.js';
import { fieldList } from './widgets.js';

/** The side card on a person's page: the company they work for. */
export function companyCard(company) {
  return h(
    'aside',
    { class: 'card side-card', 'aria-label': 'Company' },
    h('h2', { class: 'card-title' }, 'Company'),
    h('p', { class: 'side-card-name' }, h('a', { href: companyUrl(company.id) }, company.name)),
    fieldList([
      ['Industry', company.industry],
      ['Phone', company.phone],
      ['Website', company.website],
      ['City', `${company.city}, ${company.country}`],
    ]),
  );
}
