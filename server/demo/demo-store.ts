import type { Activity, Company, CrmRequest, CrmRequestSummary, DemoSeed, NewRequest, Person, PersonSummary, RequestStatus, Sale } from './demo-types.ts';

// The demo CRM's records: reads for the page and the API, and the two writes Baton needs (issue 6): create a
// request from a chat, change a request's status. This is the in-memory core; demo-persistence.ts keeps its
// changes in a file between runs, behind the same interface, so the API and the page do not know which they have.
export interface DemoStore {
  searchPersons(query: string, limit?: number): PersonSummary[];
  getPerson(id: number): PersonSummary | undefined;
  listCompanies(): Company[];
  getCompany(id: number): Company | undefined;
  personsOfCompany(companyId: number): PersonSummary[];
  listRequests(): CrmRequestSummary[];
  getRequest(id: number): CrmRequest | undefined;
  requestsOfPersons(personIds: readonly number[]): CrmRequestSummary[];
  activitiesOfPersons(personIds: readonly number[]): Activity[];
  salesOfPersons(personIds: readonly number[]): Sale[];
  /** Throws UnknownPersonError when personId names nobody; the caller has validated the rest. */
  createRequest(input: NewRequest): CrmRequest;
  /** undefined when there is no such request. */
  setRequestStatus(id: number, status: RequestStatus): CrmRequest | undefined;
}

/** What changed since the seed: all a persisted store has to keep (demo-persistence.ts). */
export interface DemoChanges {
  /** Next request id; kept so a number is never handed out twice, even after requests are gone. */
  nextRequestId: number;
  /** Requests created through the API. */
  created: CrmRequest[];
  /** Seeded requests whose status changed, by id. */
  changed: Record<string, { status: RequestStatus; updatedAt: string }>;
}

export interface DemoStoreOptions {
  /** Changes a previous run made (demo-persistence.ts loads them). */
  changes?: DemoChanges;
  /** Called after every write, with nothing: the listener asks for `changes()` when it is ready to save. */
  onChange?: () => void;
  now?: () => Date;
}

export interface MutableDemoStore extends DemoStore {
  changes(): DemoChanges;
}

export class UnknownPersonError extends Error {
  readonly personId: number;

  constructor(personId: number) {
    super(`no person with id ${personId}`);
    this.personId = personId;
    this.name = 'UnknownPersonError';
  }
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
// Newest first; equal times (two requests created in one millisecond) by id, so the order is stable.
const byUpdatedDesc = (a: CrmRequest, b: CrmRequest) => b.updatedAt.localeCompare(a.updatedAt) || b.id - a.id;

export function summariseRequest({ transcript, ...request }: CrmRequest): CrmRequestSummary {
  return { ...request, transcriptLines: transcript.length };
}

export function createDemoStore(seed: DemoSeed, options: DemoStoreOptions = {}): MutableDemoStore {
  const now = options.now ?? (() => new Date());
  const companies = new Map(seed.companies.map((c) => [c.id, c]));
  const summarise = (p: Person): PersonSummary => ({ ...p, companyName: companies.get(p.companyId)?.name ?? '' });
  const persons = seed.persons.map(summarise).sort(byName);
  const personById = new Map(persons.map((p) => [p.id, p]));
  const seedIds = new Set(seed.requests.map((r) => r.id));

  // Requests are the one writable collection: seed, then a previous run's changes on top.
  const requests = new Map(seed.requests.map((r) => [r.id, r]));
  const changed: DemoChanges['changed'] = {};
  for (const [key, change] of Object.entries(options.changes?.changed ?? {})) {
    const request = requests.get(Number(key));
    if (!request) continue;
    requests.set(request.id, { ...request, ...change });
    changed[key] = change;
  }
  for (const request of options.changes?.created ?? []) if (!seedIds.has(request.id)) requests.set(request.id, request);
  let nextRequestId = Math.max(options.changes?.nextRequestId ?? 0, ...[...requests.keys()].map((id) => id + 1));

  const inSet = (ids: readonly number[]) => {
    const set = new Set(ids);
    return (r: { personId: number | null }) => r.personId !== null && set.has(r.personId);
  };
  const sortedRequests = () => [...requests.values()].sort(byUpdatedDesc);

  return {
    searchPersons: (query, limit = DEFAULT_LIMIT) =>
      persons.filter((p) => matches(p, query.slice(0, MAX_QUERY_LENGTH))).slice(0, limit),
    getPerson: (id) => personById.get(id),
    listCompanies: () => [...companies.values()].sort((a, b) => a.name.localeCompare(b.name)),
    getCompany: (id) => companies.get(id),
    personsOfCompany: (companyId) => persons.filter((p) => p.companyId === companyId),
    listRequests: () => sortedRequests().map(summariseRequest),
    getRequest: (id) => requests.get(id),
    requestsOfPersons: (ids) => sortedRequests().filter(inSet(ids)).map(summariseRequest),
    activitiesOfPersons: (ids) => seed.activities.filter(inSet(ids)).sort((a, b) => b.at.localeCompare(a.at)),
    salesOfPersons: (ids) => seed.sales.filter(inSet(ids)).sort((a, b) => a.closeDate.localeCompare(b.closeDate)),

    createRequest(input) {
      if (input.personId !== undefined && !personById.has(input.personId)) throw new UnknownPersonError(input.personId);
      const at = now().toISOString();
      // Synchronous from here to the set: two creates can never share an id, however they interleave.
      const request: CrmRequest = {
        id: nextRequestId++,
        title: input.title,
        personId: input.personId ?? null,
        status: 'open',
        priority: 'normal',
        category: 'Chat',
        createdAt: at,
        updatedAt: at,
        description: '',
        transcript: input.transcript.map(({ author, authorKind, text, at: lineAt }) => ({ author, authorKind, text, at: lineAt })),
      };
      requests.set(request.id, request);
      options.onChange?.();
      return request;
    },

    setRequestStatus(id, status) {
      const request = requests.get(id);
      if (!request) return undefined;
      const updated = { ...request, status, updatedAt: now().toISOString() };
      requests.set(id, updated);
      if (seedIds.has(id)) changed[String(id)] = { status, updatedAt: updated.updatedAt };
      options.onChange?.();
      return updated;
    },

    changes: () => ({
      nextRequestId,
      created: [...requests.values()].filter((r) => !seedIds.has(r.id)).sort((a, b) => a.id - b.id),
      changed: { ...changed },
    }),
  };
}
