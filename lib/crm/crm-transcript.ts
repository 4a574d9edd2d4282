import * as v from 'valibot';

// The transcript a chat hands to the CRM when Baton creates a request (issue 7: "Create request carries the
// transcript"), and the limits every adapter and the demo CRM enforce on it. One definition, used by the demo
// CRM's API (server/demo/demo-api.ts) to validate and by the adapters to refuse early with a clear message.

export const MAX_REQUEST_TITLE = 200;
export const MAX_TRANSCRIPT_LINES = 5_000;
/** UTF-8 bytes of all authors and texts together; a chat past this is cut by the caller, not silently here. */
export const MAX_TRANSCRIPT_BYTES = 1_000_000;
export const MAX_AUTHOR_LENGTH = 200;
/** One line; far above the chat's own message limit, so a real chat never meets it. */
export const MAX_LINE_TEXT = 100_000;

export type AuthorKind = 'visitor' | 'agent';

export interface TranscriptLine {
  author: string;
  authorKind: AuthorKind;
  text: string;
  /** ISO 8601 with offset or Z, e.g. `2026-01-15T10:02:11.000Z`. */
  at: string;
}

export const TranscriptLineSchema = v.strictObject({
  author: v.pipe(v.string(), v.check((s) => s.trim() !== '', 'author is empty'), v.maxLength(MAX_AUTHOR_LENGTH, `author is longer than ${MAX_AUTHOR_LENGTH} characters`)),
  authorKind: v.picklist(['visitor', 'agent'], "authorKind must be 'visitor' or 'agent'"),
  text: v.pipe(v.string(), v.maxLength(MAX_LINE_TEXT, `a line is longer than ${MAX_LINE_TEXT} characters`)),
  at: v.pipe(v.string(), v.isoTimestamp('at must be an ISO 8601 timestamp')),
});

const encoder = new TextEncoder();

/** What MAX_TRANSCRIPT_BYTES counts: the UTF-8 size of every author and text. */
export function transcriptBytes(lines: readonly Pick<TranscriptLine, 'author' | 'text'>[]): number {
  let total = 0;
  for (const line of lines) total += encoder.encode(line.author).length + encoder.encode(line.text).length;
  return total;
}

/** Why a transcript is too large, or undefined when it fits (the demo API answers 413 with this text). */
export function transcriptOversize(lines: readonly Pick<TranscriptLine, 'author' | 'text'>[]): string | undefined {
  if (lines.length > MAX_TRANSCRIPT_LINES) return `the transcript has ${lines.length} lines; at most ${MAX_TRANSCRIPT_LINES} fit`;
  const bytes = transcriptBytes(lines);
  if (bytes > MAX_TRANSCRIPT_BYTES) return `the transcript is ${bytes} bytes; at most ${MAX_TRANSCRIPT_BYTES} fit`;
  return undefined;
}
