// Display formatting, fixed to en-GB so screenshots and tests read the same on every machine.

const dateFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric' });
const timeFormat = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: 'UTC' });

export const formatDate = (iso) => dateFormat.format(new Date(iso));
export const formatDateTime = (iso) => `${formatDate(iso)}, ${timeFormat.format(new Date(iso))}`;
export const formatTime = (iso) => timeFormat.format(new Date(iso));

export function formatMoney(amount, currency) {
  return new Intl.NumberFormat('en-GB', { style: 'currency', currency, maximumFractionDigits: 0 }).format(amount);
}

export const fullName = (person) => `${person.firstName} ${person.lastName}`;

export function initials(name) {
  return name
    .split(/\s+/)
    .filter((part) => /^\p{L}/u.test(part))
    .map((part) => part[0])
    .slice(0, 2)
    .join('')
    .toUpperCase();
}

/** A stable hue per name, so each avatar keeps its colour between visits. */
export function avatarHue(name) {
  let hash = 0;
  for (const ch of name) hash = (hash * 31 + ch.codePointAt(0)) % 360;
  return hash;
}

export const STATUS_LABELS = { open: 'Open', 'in-progress': 'In progress', waiting: 'Waiting for customer', closed: 'Closed' };
export const PRIORITY_LABELS = { low: 'Low', normal: 'Normal', high: 'High' };
export const STAGE_LABELS = { lead: 'Lead', proposal: 'Proposal', negotiation: 'Negotiation', won: 'Won', lost: 'Lost' };
export const ACTIVITY_LABELS = { call: 'Phone call', meeting: 'Meeting', email: 'E-mail', task: 'Task', note: 'Note' };
