import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Frame, Page } from '@playwright/test';
import type { AxeResults, Result } from 'axe-core';

/** WCAG 2.1 A and AA, the level product.md asks for. */
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface Audit {
  state: string;
  violations: Result[];
  /** The violations a user is blocked or badly hindered by. */
  serious: Result[];
  /** Rules that found something to check and passed: proof axe looked at this state's content. */
  passed: number;
}

function describe(violation: Result): string {
  const where = violation.nodes
    .slice(0, 3)
    .map((node) => `${node.target.join(' ')}: ${node.failureSummary?.replace(/\s+/g, ' ') ?? ''}`)
    .join('\n      ');
  return `  [${violation.impact}] ${violation.id}: ${violation.help} (${violation.nodes.length}×)\n      ${where}`;
}

/**
 * axe-core in one document: a Baton page, or the sidebar's frame, which sits in a closed
 * shadow root in the CRM page where @axe-core/playwright's page walk cannot reach it, so
 * axe is injected into the frame itself. Prints every violation found, for context.
 */
export async function audit(target: Frame | Page, state: string): Promise<Audit> {
  await target.evaluate(axeSource);
  const results = (await target.evaluate(
    (tags) => (window as unknown as { axe: { run(context: Document, options: object): Promise<unknown> } }).axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations', 'incomplete'] }),
    TAGS,
  )) as AxeResults;
  const violations = results.violations;
  if (violations.length > 0) console.log(`axe — ${state}:\n${violations.map(describe).join('\n')}`);
  // "Needs review" (e.g. contrast over a background axe cannot compute) is no verdict, but worth seeing.
  if (results.incomplete.length > 0) console.log(`axe — ${state}, needs review: ${results.incomplete.map((rule) => `${rule.id} (${rule.nodes.length}×)`).join(', ')}`);
  return { state, violations, passed: results.passes.length, serious: violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical') };
}
