// The pre-chat form's rules, apart from the DOM so they can be table-tested. Bounds follow the protocol's
// (lib/session/lobby.ts caps a visitor name at 120 characters; lib/chat/limits.ts a display name at 200).

export interface PrechatInput {
  readonly name: string;
  readonly email: string;
  readonly topic: string;
}

export type PrechatField = keyof PrechatInput;

export type PrechatResult =
  | { readonly ok: true; readonly value: PrechatInput }
  | { readonly ok: false; readonly errors: Partial<Record<PrechatField, 'required' | 'invalid'>> };

const MAX_NAME = 120;
const MAX_EMAIL = 254; // RFC 5321 path limit
// Deliberately loose (one @, a dot in the domain, no spaces): the agent checks the address against the CRM anyway.
const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;

/** `asked` lists the fields the website owner turned on (widget-settings.ts); the others are not checked and stay empty. */
export function validatePrechat(raw: PrechatInput, topics: readonly string[], asked: readonly PrechatField[] = ['name', 'email', 'topic']): PrechatResult {
  const name = raw.name.replace(/\s+/g, ' ').trim();
  const email = asked.includes('email') ? raw.email.trim() : '';
  const topic = asked.includes('topic') ? raw.topic.trim() : '';
  const errors: Partial<Record<PrechatField, 'required' | 'invalid'>> = {};
  if (name.length === 0) errors.name = 'required';
  else if (name.length > MAX_NAME) errors.name = 'invalid';
  if (email.length === 0) {
    if (asked.includes('email')) errors.email = 'required';
  } else if (email.length > MAX_EMAIL || !EMAIL.test(email)) errors.email = 'invalid';
  if (topic.length === 0) {
    if (asked.includes('topic')) errors.topic = 'required';
  } else if (!topics.includes(topic)) errors.topic = 'invalid';
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, value: { name, email, topic } };
}
