import * as v from 'valibot';

// One-shot messages from the sidebar frame to the background. In Firefox a frame of an
// extension page inside a web page gets only the content-script API set (no
// runtime.openOptionsPage, no tabs), so it asks the background for what it cannot do.
// runtime.sendMessage also wakes Firefox's event page and restarts its idle timer
// (docs/architecture.md, "Firefox's event page").
export const OPEN_OPTIONS = 'baton:open-options';
export const KEEP_AWAKE = 'baton:keep-awake';

const FrameRequestSchema = v.object({ type: v.picklist([OPEN_OPTIONS, KEEP_AWAKE]) });

export type FrameRequest = v.InferOutput<typeof FrameRequestSchema>;

/** A frame request, or undefined for any other message (which other listeners handle). */
export function parseFrameRequest(message: unknown): FrameRequest | undefined {
  const result = v.safeParse(FrameRequestSchema, message);
  return result.success ? result.output : undefined;
}
