import * as v from 'valibot';
import type { CrmPerson } from '../crm/crm-adapter.ts';

// The background's answers to `find-persons` and `read-person`, checked before the sidebar shows them. The data
// started in the CRM (and a visitor may have typed parts of it), so every field is bounded text, and a person's
// link must be a web address: anything else (javascript:, data:) is dropped rather than put in an href.

const Text = (max: number) => v.pipe(v.string(), v.maxLength(max));

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
  email: v.optional(Text(254)),
  phone: v.optional(Text(60)),
  title: v.optional(Text(200)),
  companyName: v.optional(Text(200)),
  url: v.optional(v.fallback(v.optional(WebUrl), undefined)),
});

const PersonListSchema = v.object({ persons: v.pipe(v.array(v.unknown()), v.maxLength(100)) });
const OnePersonSchema = v.object({ person: PersonSchema });

function withoutUndefined(person: v.InferOutput<typeof PersonSchema>): CrmPerson {
  const { url, ...rest } = person;
  return url === undefined ? rest : { ...rest, url };
}

/** The persons in a `find-persons` answer; a malformed person is left out, a malformed answer is null. */
export function parsePersonList(data: unknown): CrmPerson[] | null {
  const list = v.safeParse(PersonListSchema, data);
  if (!list.success) return null;
  const persons: CrmPerson[] = [];
  for (const item of list.output.persons) {
    const person = v.safeParse(PersonSchema, item);
    if (person.success) persons.push(withoutUndefined(person.output));
  }
  return persons;
}

/** The person in a `read-person` answer, or null. */
export function parseOnePerson(data: unknown): CrmPerson | null {
  const parsed = v.safeParse(OnePersonSchema, data);
  return parsed.success ? withoutUndefined(parsed.output.person) : null;
}
