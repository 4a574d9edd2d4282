import { AppError } from '../errors.ts';
import type { CrmAdapter, CrmPerson, PersonHints } from '../crm/crm-adapter.ts';
import { crmAppError } from './crm-app-error.ts';
import { parseCrmPerson } from './crm-person.ts';

// "Link to person" in the sidebar: the CRM persons a chat may be linked to, and one person to show a linked chat's
// link into the CRM. The CRM adapter does the talking; this turns its answers and failures into command results.

/** A CRM that does not answer should not hold the view's command until its own timeout. */
const CRM_CALL_TIMEOUT_MS = 10_000;
const MAX_PERSONS = 50;

function missing(action: string): AppError {
  return new AppError('not-configured', `unable to ${action}; no CRM is configured`);
}


/** A search when the agent typed something, else suggestions from what the visitor told us. */
export async function findPersons(crm: CrmAdapter | undefined, hints: PersonHints, query: string | undefined): Promise<{ persons: CrmPerson[] }> {
  if (!crm) throw missing('find persons');
  const trimmed = query?.trim() ?? '';
  const signal = AbortSignal.timeout(CRM_CALL_TIMEOUT_MS);
  try {
    const persons = trimmed === '' ? await crm.suggestPersons(hints, { signal }) : await crm.searchPersons(trimmed, { signal });
    // A malformed person is left out rather than failing the search (crm-person.ts says what is kept).
    return { persons: persons.slice(0, MAX_PERSONS).flatMap((person) => parseCrmPerson(person) ?? []) };
  } catch (error) {
    throw crmAppError(error);
  }
}

export async function readPerson(crm: CrmAdapter | undefined, personId: string): Promise<{ person: CrmPerson }> {
  if (!crm) throw missing('read the person');
  let person: CrmPerson | null;
  try {
    person = parseCrmPerson(await crm.getPerson(personId, { signal: AbortSignal.timeout(CRM_CALL_TIMEOUT_MS) }));
  } catch (error) {
    throw crmAppError(error);
  }
  if (person === null || person.id !== personId) throw new AppError('refused', `unable to read person ${personId}; the CRM's answer was not understood`);
  return { person };
}
