import { AppError, errorMessage } from '../errors.ts';
import type { CrmAdapter, CrmPerson, PersonHints } from '../crm/crm-adapter.ts';
import { crmErrorCode } from '../crm/crm-failure.ts';

// "Link to person" in the sidebar: the CRM persons a chat may be linked to, and one person to show a linked chat's
// link into the CRM. The CRM adapter does the talking; this turns its answers and failures into command results.

/** A CRM that does not answer should not hold the view's command until its own timeout. */
const CRM_CALL_TIMEOUT_MS = 10_000;
const MAX_PERSONS = 50;

function missing(action: string): AppError {
  return new AppError('not-configured', `unable to ${action}; no CRM is configured`);
}

function asAppError(error: unknown): AppError {
  return new AppError(crmErrorCode(error), errorMessage(error));
}

/** Only the fields the view shows: an adapter's extra data (if any) never travels to the view. */
function plain(person: CrmPerson): CrmPerson {
  const { id, name, email, phone, title, companyName, url } = person;
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

/** A search when the agent typed something, else suggestions from what the visitor told us. */
export async function findPersons(crm: CrmAdapter | undefined, hints: PersonHints, query: string | undefined): Promise<{ persons: CrmPerson[] }> {
  if (!crm) throw missing('find persons');
  const trimmed = query?.trim() ?? '';
  const signal = AbortSignal.timeout(CRM_CALL_TIMEOUT_MS);
  try {
    const persons = trimmed === '' ? await crm.suggestPersons(hints, { signal }) : await crm.searchPersons(trimmed, { signal });
    return { persons: persons.slice(0, MAX_PERSONS).map(plain) };
  } catch (error) {
    throw asAppError(error);
  }
}

export async function readPerson(crm: CrmAdapter | undefined, personId: string): Promise<{ person: CrmPerson }> {
  if (!crm) throw missing('read the person');
  try {
    return { person: plain(await crm.getPerson(personId, { signal: AbortSignal.timeout(CRM_CALL_TIMEOUT_MS) })) };
  } catch (error) {
    throw asAppError(error);
  }
}
