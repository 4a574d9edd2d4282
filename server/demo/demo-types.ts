import type { TranscriptLine } from '../../lib/crm/crm-transcript.ts';

export type { TranscriptLine };

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

export const REQUEST_STATUSES: readonly RequestStatus[] = ['open', 'in-progress', 'waiting', 'closed'];

export interface CrmRequest {
  id: number;
  title: string;
  /** null for a request created from a chat nobody linked to a person. */
  personId: number | null;
  status: RequestStatus;
  priority: RequestPriority;
  category: string;
  /** ISO 8601. */
  createdAt: string;
  /** ISO 8601. */
  updatedAt: string;
  /** Plain text. */
  description: string;
  /** The chat a request was created from (issue 6); empty for requests typed into the CRM. */
  transcript: TranscriptLine[];
}

/** A request as lists show it: no transcript (it can be a megabyte), only its length. */
export type CrmRequestSummary = Omit<CrmRequest, 'transcript'> & { transcriptLines: number };

export interface NewRequest {
  title: string;
  transcript: TranscriptLine[];
  personId?: number | undefined;
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
