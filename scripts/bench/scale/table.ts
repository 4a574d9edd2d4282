import { perAgentHour, type ScaleResult } from './scale-result.ts';

const n = (value: number) => Math.round(value).toLocaleString('en-US');

/** A month of business: 8-hour days, 22 days, every agent signed in. */
export const HOURS_PER_MONTH = 8 * 22;

/** The Markdown table docs/architecture.md quotes, with the spread of the per-agent figure. */
export function formatScaleTable(results: readonly ScaleResult[]): string {
  const rows = results.map((r) => {
    const rate = perAgentHour(r);
    const errors = Object.values(r.errors).reduce((sum, count) => sum + count, 0) + Object.values(r.failures).reduce((sum, count) => sum + count, 0);
    return `| ${n(r.agents)} | ${n(r.liveChats)} | ${r.shards} | ${errors} | ${r.teamListMs} ms (${r.teamSize}) | ${r.orgListMs} ms (${n(r.orgListed)}) | ${n(rate.inbound)} | ${n(rate.outbound)} | **${n(rate.total)}** | ${n(r.actions.pickUps)} / ${n(r.actions.transfers)} / ${n(r.actions.ends)} / ${n(r.actions.away)} |`;
  });
  const totals = results.map((r) => perAgentHour(r).total);
  const spread = totals.length > 1 ? (Math.max(...totals) / Math.min(...totals) - 1) * 100 : 0;
  return [
    '| Agents | Live chats | Shards | Errors | Team list at sign-in (colleagues) | Whole org over REST (agents) | In / agent-hour | Out / agent-hour | Ably msgs / agent-hour | Pick-ups / transfers / ends / Away |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows,
    '',
    `Per-agent figure: highest ${spread.toFixed(0)} % above lowest.`,
  ].join('\n');
}
