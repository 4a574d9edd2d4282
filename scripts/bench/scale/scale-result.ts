// What one run of the scale simulation reports: the figures docs/architecture.md quotes (through table.ts) and
// the counts the integration test checks.

export interface ScaleResult {
  agents: number;
  shards: number;
  liveChats: number;
  simulatedHours: number;
  inbound: number;
  outbound: number;
  /** Limit errors the hub sent (code → count), and any other error codes. */
  errors: Record<string, number>;
  /** Commands that failed (not counting the chat core's refusals of a stale action). */
  failures: Record<string, number>;
  /** Commands the chat core refused (an action planned on a stale view); reported, not errors. */
  refusals: number;
  actions: ActionCounts;
  /** A re-signed-in agent's session lists every present colleague of its team (its Transfer to list). */
  teamListMs: number;
  teamSize: number;
  /** REST presence over every agents shard: every present agent of the organisation. */
  orgListMs: number;
  orgListed: number;
  setupSeconds: number;
  /** Agent token requests during the measured window, per agent-hour. */
  tokenRequestsPerAgentHour: number;
  /** Time from "pick up" to the claim being done (its token round trip included), median and 95th percentile. */
  pickUpMs: { p50: number; p95: number };
}

/** What the simulated agents and visitors did, counted as they start it. */
export interface ActionCounts {
  pickUps: number;
  transfers: number;
  ends: number;
  away: number;
  messages: number;
}

/** Ably messages per agent-hour, inbound and outbound together, as Ably bills them. */
export function perAgentHour(result: ScaleResult): { inbound: number; outbound: number; total: number } {
  const hours = result.agents * result.simulatedHours;
  return { inbound: result.inbound / hours, outbound: result.outbound / hours, total: (result.inbound + result.outbound) / hours };
}
