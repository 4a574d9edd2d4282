import { h, icon } from '../dom.js';
import { ACTIVITY_LABELS, formatDateTime } from '../format.js';
import { personUrl } from '../routes.js';
import { emptyState } from './widgets.js';

const ACTIVITY_ICONS = { call: 'phone', meeting: 'users', email: 'mail', task: 'check', note: 'note' };

/** A timeline of activities; `withPerson` adds who it was with (company and diary views). */
export function activityList(activities, { withPerson = false } = {}) {
  if (activities.length === 0) return emptyState('No activities registered.');
  return h(
    'ol',
    { class: 'activity-list' },
    activities.map((a) =>
      h(
        'li',
        { class: `activity${a.done ? '' : ' activity-upcoming'}` },
        h('span', { class: `activity-icon activity-${a.kind}` }, icon(ACTIVITY_ICONS[a.kind] ?? 'note')),
        h(
          'div',
          { class: 'activity-body' },
          h('p', { class: 'activity-text' }, a.text),
          h(
            'p',
            { class: 'activity-meta' },
            `${ACTIVITY_LABELS[a.kind] ?? a.kind} · ${formatDateTime(a.at)}`,
            withPerson && a.personName ? [' · ', h('a', { href: personUrl(a.personId) }, a.personName)] : null,
            a.done ? null : [' · ', h('span', { class: 'upcoming-label' }, 'Upcoming')],
          ),
        ),
      ),
    ),
  );
}
