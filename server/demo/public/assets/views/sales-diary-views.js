import { api } from '../api.js';
import { h } from '../dom.js';
import { formatMoney } from '../format.js';
import { activityList } from './activity-list.js';
import { saleTable } from './record-tables.js';
import { pageHeader } from './widgets.js';

// The two smaller navigator sections: the sales pipeline and the diary.

export async function renderSaleList(_route, { signal }) {
  const sales = await api.sales(signal);
  const active = sales.filter((s) => s.stage !== 'won' && s.stage !== 'lost');
  // Pipeline totals per currency; the demo's customers are spread over five.
  const totals = Object.entries(
    active.reduce((sum, s) => ({ ...sum, [s.currency]: (sum[s.currency] ?? 0) + s.amount }), {}),
  ).map(([currency, amount]) => formatMoney(amount, currency));
  const node = h(
    'section',
    { class: 'view', 'aria-labelledby': 'view-title' },
    pageHeader('Sales', { subtitle: `${active.length} in pipeline · ${totals.join(' · ')}` }),
    h('div', { class: 'card card-flush' }, saleTable(sales)),
  );
  return { title: ['Sales'], node };
}

export async function renderDiary(_route, { signal }) {
  const activities = await api.activities(signal);
  const upcoming = activities.filter((a) => !a.done);
  const past = activities.filter((a) => a.done).reverse().slice(0, 15);
  const node = h(
    'section',
    { class: 'view', 'aria-labelledby': 'view-title' },
    pageHeader('Diary', { subtitle: `${upcoming.length} upcoming activities` }),
    h('div', { class: 'diary-columns' },
      h('div', { class: 'card' }, h('h2', { class: 'card-title' }, 'Upcoming'), activityList(upcoming, { withPerson: true })),
      h('div', { class: 'card' }, h('h2', { class: 'card-title' }, 'Recently completed'), activityList(past, { withPerson: true })),
    ),
  );
  return { title: ['Diary'], node };
}
