// The local-mode roster: demo agents and their trusted roles. Parsed, never trusted as-is.
import { readFileSync } from 'node:fs';
import * as v from 'valibot';

export const ROLES = ['agent', 'manager', 'can-listen-in'] as const;
export type Role = (typeof ROLES)[number];

// Agent ids become clientIds and `inbox:{id}` channel names, so no ':' (it would collide with visitor:…) or spaces.
const AgentIdSchema = v.pipe(v.string(), v.regex(/^[\w.@+-]{1,64}$/));

const RosterSchema = v.object({
  agents: v.pipe(
    v.array(v.object({ id: AgentIdSchema, name: v.pipe(v.string(), v.minLength(1), v.maxLength(100)), role: v.picklist(ROLES) })),
    v.maxLength(10_000),
  ),
});

export interface RosterAgent {
  id: string;
  name: string;
  role: Role;
}

export function parseRoster(raw: unknown): RosterAgent[] | undefined {
  const parsed = v.safeParse(RosterSchema, raw);
  return parsed.success ? parsed.output.agents : undefined;
}

export function loadRoster(file: string): RosterAgent[] {
  const agents = parseRoster(JSON.parse(readFileSync(file, 'utf8')));
  if (!agents) throw new Error(`unable to load roster; ${file} is not {"agents":[{"id","name","role"}]} with role ${ROLES.join('|')}`);
  return agents;
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
