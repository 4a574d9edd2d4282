import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { MAX_TRANSCRIPT_BYTES, TranscriptLineSchema, transcriptBytes, transcriptOversize } from './crm-transcript.ts';

describe('transcript limits', () => {
  it('counts UTF-8 bytes of authors and texts', () => {
    expect(transcriptBytes([{ author: 'Åse', text: 'hej 😀' }])).toBe(4 + 8);
  });

  it('says why a transcript is too large', () => {
    expect(transcriptOversize([{ author: 'a', text: 'x'.repeat(MAX_TRANSCRIPT_BYTES - 1) }])).toBeUndefined();
    expect(transcriptOversize([{ author: 'a', text: 'x'.repeat(MAX_TRANSCRIPT_BYTES) }])).toBe(`the transcript is ${MAX_TRANSCRIPT_BYTES + 1} bytes; at most ${MAX_TRANSCRIPT_BYTES} fit`);
  });

  it.each([
    [{ author: 'A', authorKind: 'agent', text: '', at: '2026-01-15T10:00:00Z' }, true],
    [{ author: 'A', authorKind: 'agent', text: 'x', at: '2026-01-15T10:00:00.123+01:00' }, true],
    [{ author: ' ', authorKind: 'agent', text: 'x', at: '2026-01-15T10:00:00Z' }, false],
    [{ author: 'A', authorKind: 'system', text: 'x', at: '2026-01-15T10:00:00Z' }, false],
    [{ author: 'A', authorKind: 'agent', text: 'x', at: '1768471200000' }, false],
    [{ author: 'A', authorKind: 'agent', text: 'x', at: '2026-01-15T10:00:00Z', extra: 1 }, false],
  ])('validates %j → %s', (line, ok) => {
    expect(v.safeParse(TranscriptLineSchema, line).success).toBe(ok);
  });
});
