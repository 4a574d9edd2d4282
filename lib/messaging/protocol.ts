import * as v from 'valibot';
import type { PageContext } from '../crm/page-context.ts';
import { PAGE_CONTEXT_REPORT } from './page-context-report.ts';

// The messages between Baton's own contexts. Views (sidebar, popup, options) open a
// port to the background and get a snapshot, then live updates, so a view that loads
// late or reconnects always has the full current state.
export const VIEW_PORT_NAME = 'baton:view';

/** Background → view. */
export type ViewUpdate = { type: 'page-context'; context: PageContext | null };

const PageRecordSchema = v.object({
  kind: v.picklist(['person', 'company', 'request']),
  id: v.string(),
});

const ViewUpdateSchema = v.variant('type', [
  v.object({
    type: v.literal('page-context'),
    context: v.nullable(v.object({ url: v.string(), title: v.string(), record: v.optional(PageRecordSchema) })),
  }),
]);

export function parseViewUpdate(value: unknown): ViewUpdate | undefined {
  const result = v.safeParse(ViewUpdateSchema, value);
  return result.success ? result.output : undefined;
}

export function isPageContextReport(value: unknown): value is { type: typeof PAGE_CONTEXT_REPORT } {
  return v.is(v.object({ type: v.literal(PAGE_CONTEXT_REPORT) }), value);
}
