import type { Activity, Company, CrmRequest, DemoSeed, Person, PersonSummary, Sale } from './demo-types.ts';

// Read access to the demo CRM's records. In memory for now; issue 6 puts a persisted store behind the
// same interface and adds the writes (creating requests), so the API and the page do not change.
export interface DemoStore {
  searchPersons(query: string, limit?: number): PersonSummary[];
  getPerson(id: number): PersonSummary | undefined;
  listCompanies(): Company[];
  getCompany(id: number): Company | undefined;
  personsOfCompany(companyId: number): PersonSummary[];
  listRequests(): CrmRequest[];
  getRequest(id: number): CrmRequest | undefined;
  requestsOfPersons(personIds: readonly number[]): CrmRequest[];
  activitiesOfPersons(personIds: readonly number[]): Activity[];
  salesOfPersons(personIds: readonly number[]): Sale[];
}

export const MAX_QUERY_LENGTH = 100;
const DEFAULT_LIMIT = 50;

/** Lower-case, accents folded, so "sorensen" finds "Sørensen" and "jonsdottir" finds "Jónsdóttir". */
export function foldText(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ø/gi, 'o')
    .replace(/æ/gi, 'ae')
    .replace(/ð/gi, 'd')
    .toLowerCase();
}

const digitsOnly = (s: string) => s.replace(/\D/g, '');

function matches(person: PersonSummary, query: string): boolean {
  const folded = foldText(query.trim());
  if (folded === '') return true;
  const haystack = foldText(
    [person.firstName, person.lastName, `${person.firstName} ${person.lastName}`, person.email, person.companyName, person.city, person.title].join('\n'),
  );
  if (folded.split(/\s+/).every((word) => haystack.includes(word))) return true;
  // Phone numbers are typed with or without spaces and country code.
  const digits = digitsOnly(query);
  return digits.length >= 4 && [person.phone, person.mobile].some((p) => digitsOnly(p).includes(digits));
}

const byName = (a: Person, b: Person) => a.lastName.localeCompare(b.lastName) || a.firstName.localeCompare(b.firstName);
const byUpdatedDesc = (a: CrmRequest, b: CrmRequest) => b.updatedAt.localeCompare(a.updatedAt);

export function createDemoStore(seed: DemoSeed): DemoStore {
  const companies = new Map(seed.companies.map((c) => [c.id, c]));
  const summarise = (p: Person): PersonSummary => ({ ...p, companyName: companies.get(p.companyId)?.name ?? '' });
  const persons = seed.persons.map(summarise).sort(byName);
  const inSet = (ids: readonly number[]) => {
    const set = new Set(ids);
    return (r: { personId: number }) => set.has(r.personId);
  };

  return {
    searchPersons: (query, limit = DEFAULT_LIMIT) =>
      persons.filter((p) => matches(p, query.slice(0, MAX_QUERY_LENGTH))).slice(0, limit),
    getPerson: (id) => persons.find((p) => p.id === id),
    listCompanies: () => [...companies.values()].sort((a, b) => a.name.localeCompare(b.name)),
    getCompany: (id) => companies.get(id),
    personsOfCompany: (companyId) => persons.filter((p) => p.companyId === companyId),
    listRequests: () => [...seed.requests].sort(byUpdatedDesc),
    getRequest: (id) => seed.requests.find((r) => r.id === id),
    requestsOfPersons: (ids) => seed.requests.filter(inSet(ids)).sort(byUpdatedDesc),
    activitiesOfPersons: (ids) => seed.activities.filter(inSet(ids)).sort((a, b) => b.at.localeCompare(a.at)),
    salesOfPersons: (ids) => seed.sales.filter(inSet(ids)).sort((a, b) => a.closeDate.localeCompare(b.closeDate)),
  };
}
