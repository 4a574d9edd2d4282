import { h, icon } from '../dom.js';
import { avatarHue, initials } from '../format.js';

// Small building blocks shared by the views.

export function avatar(name, size = 'md') {
  const el = h('span', { class: `avatar avatar-${size}`, 'aria-hidden': 'true' }, initials(name));
  // A custom property, set through CSSOM: the page's CSP allows no inline style attributes.
  el.style.setProperty('--avatar-hue', String(avatarHue(name)));
  return el;
}

export function badge(text, tone) {
  return h('span', { class: `badge badge-${tone}` }, text);
}

/** The page title row: an h1 the router focuses after navigation, a count or subtitle, and actions. */
export function pageHeader(title, { subtitle, actions = [] } = {}) {
  return h(
    'div',
    { class: 'page-header' },
    h('div', {}, h('h1', { id: 'view-title', tabindex: '-1' }, title), subtitle ? h('p', { class: 'page-subtitle' }, subtitle) : null),
    actions.length ? h('div', { class: 'page-actions' }, actions) : null,
  );
}

export function toolbarButton(label, iconName, onclick) {
  return h('button', { type: 'button', class: 'button', onclick }, icon(iconName), h('span', {}, label));
}

/** Breadcrumb trail placed after the h1, so a view's first link in <main> is its content. */
export function breadcrumbs(items) {
  return h(
    'nav',
    { class: 'breadcrumbs', 'aria-label': 'Breadcrumb' },
    h('ol', {}, items.map(([label, href], i) =>
      h('li', {}, href && i < items.length - 1 ? h('a', { href }, label) : h('span', { 'aria-current': 'page' }, label)),
    )),
  );
}

export function emptyState(text) {
  return h('p', { class: 'empty-state' }, text);
}

export function linkOrText(text, href) {
  return href ? h('a', { href }, text) : text;
}

/** Definition list of label/value pairs for a record's header card; empty values are left out. */
export function fieldList(fields) {
  return h(
    'dl',
    { class: 'field-list' },
    fields
      .filter(([, value]) => value !== undefined && value !== null && value !== '')
      .map(([label, value]) => h('div', { class: 'field' }, h('dt', {}, label), h('dd', {}, value))),
  );
}

/** A transient message for actions the demo does not carry out. */
export function toast(message) {
  const region = document.getElementById('toast-region');
  if (!region) return;
  const note = h('div', { class: 'toast' }, message);
  region.append(note);
  setTimeout(() => note.remove(), 3200);
}
