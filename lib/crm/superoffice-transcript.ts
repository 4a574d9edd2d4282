import type { TranscriptLine } from './crm-transcript.ts';

// The chat transcript as the first message of a SuperOffice request (TicketMessage `HtmlBody` and `Body`), the way
// SuperOffice's own chat puts the chat log into the request. Everything from the chat is escaped: a visitor who
// types `<img onerror=…>` or an agent named `<b>` stays text in SuperOffice's request view.

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

/** `2026-01-15T10:02:11.000Z` → `10:02:11` (UTC, so every reader sees the same clock as the chat's log). */
function clock(at: string): string {
  const match = /T(\d{2}:\d{2}:\d{2})/.exec(at);
  return match?.[1] ?? at;
}

export function transcriptPlain(lines: readonly TranscriptLine[]): string {
  return lines.map((line) => `[${clock(line.at)}] ${line.author}: ${line.text}`).join('\n');
}

export function transcriptHtml(lines: readonly TranscriptLine[]): string {
  const rows = lines.map((line) => {
    const who = line.authorKind === 'visitor' ? 'visitor' : 'agent';
    const text = escapeHtml(line.text).replace(/\r?\n/g, '<br>');
    return `<p class="baton-${who}"><small>${escapeHtml(clock(line.at))}</small> <strong>${escapeHtml(line.author)}</strong>: ${text}</p>`;
  });
  return `<div class="baton-transcript">${rows.join('')}</div>`;
}
