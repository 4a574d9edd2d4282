// Tiny DOM builder. Text only ever goes in through text nodes, never innerHTML, so names like
// `<img onerror=…>` coming from the CRM's data show as the characters they are.

const SVG_NS = 'http://www.w3.org/2000/svg';

/**
 * h('a', { href, class: 'x', onclick }, 'text', child) → element.
 * Attributes starting with "on" become listeners; `false`/`null`/`undefined` attributes are skipped.
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs ?? {})) {
    if (value === false || value === null || value === undefined) continue;
    if (name.startsWith('on') && typeof value === 'function') el.addEventListener(name.slice(2), value);
    else el.setAttribute(name, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

export function append(parent, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    parent.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return parent;
}

/** An icon from the sprite (assets/icons.svg), decorative: the control around it carries the name. */
export function icon(name, className = 'icon') {
  const svg = document.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('class', className);
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  const use = document.createElementNS(SVG_NS, 'use');
  use.setAttribute('href', `/crm/assets/icons.svg#${name}`);
  svg.append(use);
  return svg;
}
