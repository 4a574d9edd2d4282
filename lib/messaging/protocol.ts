import * as v from 'valibot';
import type { PageContext } from '../crm/page-context.ts';
import type { SessionSnapshot } from '../session/session-snapshot.ts';
import type { CommandError } from './commands.ts';
import { PAGE_CONTEXT_REPORT } from './page-context-report.ts';
import type { SessionPatchUpdate } from './view-delta-feed.ts';

// The messages between Baton's own contexts. Views (sidebar, popup, options) open a
// port to the background and get a snapshot, then live updates, so a view that loads
// late or reconnects always has the full current state.
export const VIEW_PORT_NAME = 'baton:view';

/** Background → view. */
export type ViewUpdate =
  | { type: 'page-context'; context: PageContext | null }
  | { type: 'session'; snapshot: SessionSnapshot; seq?: number }
  /** What changed since the last update (lib/messaging/view-delta.ts); view-connection turns it back into `session`. */
  | SessionPatchUpdate
  /** Show the sidebar (expanded), and this chat in it when given: after an accept elsewhere, or a shortcut. */
  | { type: 'reveal'; chatId?: string }
  /** On the runtime port: from here on, this view's updates come on its direct lane (lib/messaging/direct-lane.ts). */
  | { type: 'lane-ready' }
  | { type: 'command-result'; id: number; ok: true; data?: unknown }
  | { type: 'command-result'; id: number; ok: false; error: CommandError };

const PageRecordSchema = v.object({
  kind: v.picklist(['person', 'company', 'request']),
  id: v.string(),
});

// Port messages come only from Baton's own background (Chrome guarantees the sender),
// so the large session snapshot is checked for shape at the top only; page context
// started in a web page and is checked in full.
const ViewUpdateSchema = v.variant('type', [
  v.object({
    type: v.literal('page-context'),
    context: v.nullable(v.object({ url: v.string(), title: v.string(), record: v.optional(PageRecordSchema) })),
  }),
  v.object({
    type: v.literal('session'),
    seq: v.optional(v.pipe(v.number(), v.integer())),
    snapshot: v.looseObject({ connection: v.looseObject({ phase: v.string() }), chats: v.array(v.unknown()) }),
  }),
  v.object({
    type: v.literal('session-patch'),
    seq: v.pipe(v.number(), v.integer()),
    patches: v.array(v.looseObject({ op: v.picklist(['replace', 'set', 'unset', 'list', 'chats']) })),
  }),
  v.object({ type: v.literal('reveal'), chatId: v.optional(v.pipe(v.string(), v.regex(/^[\w-]{1,64}$/))) }),
  v.object({ type: v.literal('lane-ready') }),
  v.variant('ok', [
    v.object({ type: v.literal('command-result'), id: v.number(), ok: v.literal(true), data: v.optional(v.unknown()) }),
    v.object({
      type: v.literal('command-result'),
      id: v.number(),
      ok: v.literal(false),
      error: v.object({ code: v.string(), message: v.string(), params: v.optional(v.record(v.string(), v.union([v.string(), v.number()]))) }),
    }),
  ]),
]);

export function parseViewUpdate(value: unknown): ViewUpdate | undefined {
  const result = v.safeParse(ViewUpdateSchema, value);
  // The session branch is only shape-checked (see above); its type is the background's.
  return result.success ? (value as ViewUpdate) : undefined;
}

export function isPageContextReport(value: unknown): value is { type: typeof PAGE_CONTEXT_REPORT } {
  return v.is(v.object({ type: v.literal(PAGE_CONTEXT_REPORT) }), value);
}
