import * as v from 'valibot';
import type { CrmPerson } from '../crm/crm-adapter.ts';

// A CRM person as Baton passes it on to the sidebar, parsed where it enters Baton (the background, before the
// command result is sent). The data started in the CRM (and a visitor may have typed parts of it), so every
// field is bounded text, and a person's link must be a web address: anything else (javascript:, data:) is
// dropped rather than put in an href. Only these fields travel: an adapter's extra data never reaches the view.

const Text = (max: number) => v.pipe(v.string(), v.maxLength(max));
const OptionalText = (max: number) => v.optional(v.fallback(v.optional(Text(max)), undefined));

const WebUrl = v.pipe(
  v.string(),
  v.maxLength(2000),
  v.check((value) => {
    try {
      const { protocol } = new URL(value);
      return protocol === 'https:' || protocol === 'http:';
    } catch {
      return false;
    }
  }),
);

const PersonSchema = v.object({
  id: v.pipe(v.string(), v.regex(/^[\w-]{1,64}$/)),
  name: Text(200),
  email: OptionalText(254),
  phone: OptionalText(60),
  title: OptionalText(200),
  companyName: OptionalText(200),
  url: v.optional(v.fallback(v.optional(WebUrl), undefined)),
});

/** The person, with only its set, well-formed fields; null when its id or name is not usable. */
export function parseCrmPerson(value: unknown): CrmPerson | null {
  const parsed = v.safeParse(PersonSchema, value);
  if (!parsed.success) return null;
  const { id, name, email, phone, title, companyName, url } = parsed.output;
  return {
    id,
    name,
    ...(email ? { email } : {}),
    ...(phone ? { phone } : {}),
    ...(title ? { title } : {}),
    ...(companyName ? { companyName } : {}),
    ...(url ? { url } : {}),
  };
}
