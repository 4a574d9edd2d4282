import type { Activity, Company, CrmRequest, DemoSeed, Person, Sale } from './demo-types.ts';

// Fictional people and firms (names, domains and numbers are made up; .example domains per RFC 2606),
// written to read like a Nordic B2B customer base. Activities, sales and request dates are derived
// deterministically from one "today", so a test that fixes it sees the same CRM every run.

const companies: Company[] = [
  { id: 1, name: 'Fjordlys Energi AS', industry: 'Energy', city: 'Bergen', country: 'Norway', phone: '+47 55 21 40 00', website: 'fjordlys.example' },
  { id: 2, name: 'Nordvik Logistik A/S', industry: 'Logistics', city: 'Aarhus', country: 'Denmark', phone: '+45 86 12 34 00', website: 'nordvik.example' },
  { id: 3, name: 'Sølvberg Revision', industry: 'Accounting', city: 'Copenhagen', country: 'Denmark', phone: '+45 33 91 20 10', website: 'solvberg.example' },
  { id: 4, name: 'Harbour & Pine Ltd', industry: 'Retail', city: 'Edinburgh', country: 'United Kingdom', phone: '+44 131 496 0420', website: 'harbourpine.example' },
  { id: 5, name: 'Kvist Arkitekter', industry: 'Architecture', city: 'Oslo', country: 'Norway', phone: '+47 22 60 18 50', website: 'kvist.example' },
  { id: 6, name: 'Ljungdahl Medical AB', industry: 'Healthcare', city: 'Gothenburg', country: 'Sweden', phone: '+46 31 720 55 00', website: 'ljungdahl.example' },
  { id: 7, name: 'Bakke & Søn A/S', industry: 'Manufacturing', city: 'Odense', country: 'Denmark', phone: '+45 66 14 70 70', website: 'bakkeson.example' },
  { id: 8, name: 'Northgate Software', industry: 'Software', city: 'Manchester', country: 'United Kingdom', phone: '+44 161 496 0777', website: 'northgate.example' },
  { id: 9, name: 'Skärgård Hotell', industry: 'Hospitality', city: 'Stockholm', country: 'Sweden', phone: '+46 8 555 012 30', website: 'skargard.example' },
  { id: 10, name: 'Tindur Fisk ehf.', industry: 'Seafood', city: 'Reykjavík', country: 'Iceland', phone: '+354 555 4120', website: 'tindur.example' },
];

type PersonRow = [first: string, last: string, title: string, companyId: number, phone: string, mobile: string];

const personRows: PersonRow[] = [
  ['Anna', 'Berg', 'Head of Customer Service', 3, '+45 33 91 20 14', '+45 20 41 77 12'],
  ['Lars', 'Eriksen', 'Operations Manager', 2, '+45 86 12 34 21', '+45 30 55 18 90'],
  ['Ingrid', 'Solheim', 'CFO', 1, '+47 55 21 40 12', '+47 912 34 567'],
  ['Mikkel', 'Thomsen', 'IT Coordinator', 7, '+45 66 14 70 81', '+45 28 90 11 45'],
  ['Sofie', 'Holm', 'Purchasing Manager', 2, '+45 86 12 34 37', '+45 42 17 66 03'],
  ['Erik', 'Lindqvist', 'Clinic Director', 6, '+46 31 720 55 18', '+46 70 312 44 19'],
  ['Freja', 'Madsen', 'Senior Auditor', 3, '+45 33 91 20 27', '+45 51 62 73 84'],
  ['Oliver', 'Grant', 'Store Operations Lead', 4, '+44 131 496 0431', '+44 7700 900 431'],
  ['Nora', 'Haugen', 'Partner', 5, '+47 22 60 18 55', '+47 934 56 781'],
  ['Jonas', 'Kristiansen', 'Service Technician', 1, '+47 55 21 40 37', '+47 455 12 908'],
  ['Emma', 'Walsh', 'Customer Success Manager', 8, '+44 161 496 0712', '+44 7700 900 712'],
  ['Henrik', 'Dahl', 'Production Planner', 7, '+45 66 14 70 92', '+45 61 23 45 98'],
  ['Astrid', 'Nyström', 'Front Office Manager', 9, '+46 8 555 012 41', '+46 73 881 20 46'],
  ['Siobhan', "O'Brien", 'Head of Finance', 4, '+44 131 496 0455', '+44 7700 900 455'],
  ['Magnus', 'Sigurðsson', 'Export Manager', 10, '+354 555 4133', '+354 690 4133'],
  ['Kari', 'Nilsen', 'Office Manager', 5, '+47 22 60 18 61', '+47 984 20 113'],
  ['Jakob', 'Andersson', 'Procurement Specialist', 6, '+46 31 720 55 29', '+46 70 998 14 02'],
  ['Charlotte', 'Fischer', 'Payroll Lead', 3, '+45 33 91 20 35', '+45 22 84 61 30'],
  ['Tom', 'Ashworth', 'CTO', 8, '+44 161 496 0730', '+44 7700 900 730'],
  ['Maja', 'Lindberg', 'Event Coordinator', 9, '+46 8 555 012 52', '+46 76 210 93 57'],
  ['Rasmus', 'Poulsen', 'Fleet Manager', 2, '+45 86 12 34 48', '+45 40 19 72 66'],
  ['Hanna', 'Virtanen', 'Quality Manager', 7, '+45 66 14 70 99', '+45 31 77 02 58'],
  ['Sindre', 'Aasen', 'Project Architect', 5, '+47 22 60 18 74', '+47 477 81 520'],
  ['Guðrún', 'Jónsdóttir', 'Sales Director', 10, '+354 555 4145', '+354 821 4145'],
  ['Peter', 'Møller', 'Managing Director', 1, '+47 55 21 40 01', '+47 901 10 200'],
];

// Mail addresses as a CRM would hold them: ASCII local part at the firm's domain.
function mailbox(first: string, last: string, website: string): string {
  const ascii = (s: string) =>
    s
      .normalize('NFKD')
      .replace(/[øØ]/g, 'o')
      .replace(/[æÆ]/g, 'ae')
      .replace(/[ðÐ]/g, 'd')
      .replace(/[^A-Za-z]/g, '')
      .toLowerCase();
  return `${ascii(first)}.${ascii(last)}@${website}`;
}

const companyById = new Map(companies.map((c) => [c.id, c]));

const persons: Person[] = personRows.map(([firstName, lastName, title, companyId, phone, mobile], index) => {
  const company = companyById.get(companyId);
  if (!company) throw new Error(`seed: person ${firstName} names unknown company ${companyId}`);
  return {
    id: index + 1,
    firstName,
    lastName,
    title,
    companyId,
    email: mailbox(firstName, lastName, company.website),
    phone,
    mobile,
    city: company.city,
    country: company.country,
  };
});

type RequestRow = Omit<CrmRequest, 'createdAt' | 'updatedAt' | 'transcript' | 'personId'> & { personId: number; hoursAgo: number };

const requestRows: RequestRow[] = [
  { id: 1001, title: 'Invoice shows wrong VAT rate', personId: 1, status: 'open', priority: 'high', category: 'Billing', hoursAgo: 20, description: 'Customer reports that invoice 2025-1142 applies 12% VAT instead of 25%.' },
  { id: 1002, title: 'Cannot log in to customer portal', personId: 2, status: 'in-progress', priority: 'normal', category: 'Access', hoursAgo: 14, description: 'Password reset mail does not arrive; checked spam folder.' },
  { id: 1003, title: 'Request for annual usage report', personId: 3, status: 'waiting', priority: 'low', category: 'Reporting', hoursAgo: 110, description: 'Wants consumption per site for 2024 and 2025 in one spreadsheet.' },
  { id: 1004, title: 'Delivery slot changed without notice', personId: 5, status: 'open', priority: 'normal', category: 'Delivery', hoursAgo: 6, description: 'Two pallets moved from Tuesday to Thursday; needs confirmation.' },
  { id: 1005, title: 'Upgrade to Premium support', personId: 11, status: 'closed', priority: 'normal', category: 'Sales', hoursAgo: 170, description: 'Upgrade agreed on the phone; contract sent and signed.' },
  { id: 1006, title: 'Booking system double-charged guest', personId: 13, status: 'in-progress', priority: 'high', category: 'Billing', hoursAgo: 3, description: 'Card charged twice for booking SK-88412; refund requested.' },
  { id: 1007, title: 'Export documents for Japan shipment', personId: 15, status: 'open', priority: 'normal', category: 'Documents', hoursAgo: 50, description: 'Needs certificate of origin before Friday.' },
  { id: 1008, title: 'Training for new payroll module', personId: 18, status: 'waiting', priority: 'low', category: 'Training', hoursAgo: 130, description: 'Four participants, prefers an on-site session in January.' },
  { id: 1009, title: 'API rate limit too low', personId: 19, status: 'open', priority: 'high', category: 'Technical', hoursAgo: 8, description: 'Nightly sync hits 429 responses after about 4,000 calls.' },
  { id: 1010, title: 'Change of billing address', personId: 14, status: 'closed', priority: 'low', category: 'Billing', hoursAgo: 190, description: 'New address from 1 December: 12 Quayside Row, Edinburgh.' },
  { id: 1011, title: 'Machine warranty claim', personId: 4, status: 'in-progress', priority: 'normal', category: 'Warranty', hoursAgo: 75, description: 'Press line 3 control unit failed after nine months.' },
  { id: 1012, title: 'Conference room booking for 40', personId: 20, status: 'open', priority: 'low', category: 'Sales', hoursAgo: 26, description: 'Asks for a quote including lunch and AV equipment.' },
];

const ACTIVITY_TEMPLATES: ReadonlyArray<Pick<Activity, 'kind' | 'text'>> = [
  { kind: 'call', text: 'Follow-up call about open invoices' },
  { kind: 'meeting', text: 'Quarterly review meeting' },
  { kind: 'email', text: 'Sent updated price list' },
  { kind: 'task', text: 'Prepare renewal proposal' },
  { kind: 'note', text: 'Prefers contact by e-mail before 10:00' },
  { kind: 'meeting', text: 'Product demo for the operations team' },
  { kind: 'call', text: 'Checked satisfaction after onboarding' },
];

const DAY_MS = 24 * 60 * 60 * 1000;
const HOUR_MS = 60 * 60 * 1000;

// Three activities per person around `today`: the first upcoming, two done.
function activitiesAround(today: number): Activity[] {
  return persons.flatMap((person) =>
    [0, 1, 2].map((n): Activity => {
      const template = ACTIVITY_TEMPLATES[(person.id * 3 + n) % ACTIVITY_TEMPLATES.length]!;
      const days = n === 0 ? 1 + (person.id % 6) : -(n * 6 + (person.id % 5));
      const hour = 8 + ((person.id + n * 3) % 8);
      return {
        id: person.id * 10 + n,
        personId: person.id,
        kind: template.kind,
        text: template.text,
        at: new Date(today + days * DAY_MS + hour * HOUR_MS + (n === 1 ? 30 * 60 * 1000 : 0)).toISOString(),
        done: n > 0,
      };
    }),
  );
}

const SALE_STAGES: ReadonlyArray<Sale['stage']> = ['lead', 'proposal', 'negotiation', 'won', 'lost'];
const SALE_TITLES = ['Service agreement renewal', 'Premium support upgrade', 'Additional user licences', 'Onboarding package'];

// Every other person has a sale, closing in the coming months; amounts in the company's home currency.
const CURRENCY: Record<string, string> = { Norway: 'NOK', Denmark: 'DKK', Sweden: 'SEK', Iceland: 'ISK', 'United Kingdom': 'GBP' };
function salesAround(today: number): Sale[] {
  return persons
    .filter((person) => person.id % 2 === 1)
    .map((person, i): Sale => ({
      id: 500 + i,
      title: SALE_TITLES[i % SALE_TITLES.length]!,
      personId: person.id,
      amount: 12000 + ((person.id * 7919) % 90) * 1000,
      currency: CURRENCY[person.country] ?? 'EUR',
      stage: SALE_STAGES[i % SALE_STAGES.length]!,
      closeDate: new Date(today + (10 + i * 9) * DAY_MS).toISOString().slice(0, 10),
    }));
}

export interface SeedOptions {
  /** The demo's "today"; dates are laid out around it so the CRM never looks stale. Tests pass a fixed one. */
  now?: Date;
}

export function createSeed(options: SeedOptions = {}): DemoSeed {
  const today = Math.floor((options.now ?? new Date()).getTime() / DAY_MS) * DAY_MS;
  const requests = requestRows.map(({ hoursAgo, ...row }): CrmRequest => ({
    ...row,
    // Opened a day or a few before the last change.
    createdAt: new Date(today + 12 * HOUR_MS - hoursAgo * HOUR_MS - (1 + (row.id % 4)) * DAY_MS).toISOString(),
    updatedAt: new Date(today + 12 * HOUR_MS - hoursAgo * HOUR_MS).toISOString(),
    transcript: [],
  }));
  // Copies, so a store that mutates its records never changes the seed other stores start from.
  return structuredClone({ companies, persons, requests, activities: activitiesAround(today), sales: salesAround(today) });
}
