// The demo CRM's records. Shapes follow SuperOffice's REST entities loosely (a Person belongs to a
// Contact, which SuperOffice calls what we show as a company; a Ticket is our Request) so the CRM
// adapters of issue 6 map onto both without surprises.

export interface Company {
  id: number;
  name: string;
  industry: string;
  city: string;
  country: string;
  phone: string;
  website: string;
}

export interface Person {
  id: number;
  firstName: string;
  lastName: string;
  title: string;
  companyId: number;
  email: string;
  phone: string;
  mobile: string;
  city: string;
  country: string;
}

export type RequestStatus = 'open' | 'in-progress' | 'waiting' | 'closed';
export type RequestPriority = 'low' | 'normal' | 'high';

export interface CrmRequest {
  id: number;
  title: string;
  personId: number;
  status: RequestStatus;
  priority: RequestPriority;
  category: string;
  /** ISO 8601. */
  updatedAt: string;
  /** Plain text; a chat transcript once Baton creates requests (issue 6). */
  description: string;
}

export type ActivityKind = 'call' | 'meeting' | 'email' | 'task' | 'note';

export interface Activity {
  id: number;
  personId: number;
  kind: ActivityKind;
  text: string;
  /** ISO 8601. */
  at: string;
  done: boolean;
}

export type SaleStage = 'lead' | 'proposal' | 'negotiation' | 'won' | 'lost';

export interface Sale {
  id: number;
  title: string;
  personId: number;
  amount: number;
  currency: string;
  stage: SaleStage;
  /** ISO date. */
  closeDate: string;
}

export interface DemoSeed {
  companies: Company[];
  persons: Person[];
  requests: CrmRequest[];
  activities: Activity[];
  sales: Sale[];
}

/** A person as lists show it: the company's name joined in. */
export interface PersonSummary extends Person {
  companyName: string;
}
