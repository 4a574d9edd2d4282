// One channel's durable message log: an append-only JSON-lines file with a byte index (log-file.ts, when a data
// dir is set) plus a bounded in-memory window of the newest messages. Appends are written completely before the
// caller ACKs, so a killed hub loses no acknowledged message; serials are recovered from the file on load and are
// taken only by messages that were written (a failed write takes none, so no reader ever sees a gap).
import { LogFile } from './log-file.ts';
import type { LogIo, LogNotice } from './log-file.ts';

export interface StoredMessage {
  seq: number;
  id: string;
  timestamp: number;
  connectionId?: string;
  clientId?: string;
  name?: string;
  data?: unknown;
  encoding?: string;
  extras?: Record<string, unknown>;
}

export interface RetentionPolicy {
  /** Newest messages kept per channel. */
  maxMessages: number;
  /** Messages older than this are not served and are dropped at compaction. */
  maxAgeMs: number;
}

export interface ChannelLogOptions {
  file: string | undefined;
  retention: RetentionPolicy;
  memoryWindow: number;
  fsync: boolean;
  /** Ids remembered for idempotent publishing (docs platform/architecture/idempotency). */
  idWindow: number;
  /** File operations (tests inject a crash); default node:fs. */
  io?: LogIo;
  /** Where repairs and quarantines are reported (logged by the store). */
  notice?: LogNotice;
}

export class ChannelLog {
  lastSeq = 0;
  private recent: StoredMessage[] = [];
  private readonly ids = new Map<string, number>();
  private readonly file: LogFile | undefined;
  private readonly options: ChannelLogOptions;

  constructor(options: ChannelLogOptions) {
    this.options = options;
    if (options.file === undefined) return;
    this.file = new LogFile(options.file, { io: options.io, fsync: options.fsync, notice: options.notice });
    this.lastSeq = this.file.lastSeq;
    const count = this.file.index.length;
    const newest = this.file.readEntries(Math.max(0, count - Math.max(options.memoryWindow, options.idWindow)), count);
    this.recent = newest.slice(-options.memoryWindow);
    for (const m of newest.slice(-options.idWindow)) this.ids.set(m.id, m.seq);
  }

  /** Oldest seq still retained (0 when empty). */
  get firstSeq(): number {
    return (this.file ? this.file.index[0]?.seq : this.recent[0]?.seq) ?? 0;
  }

  hasId(id: string): boolean {
    return this.ids.has(id);
  }

  /** Stores messages; throws (taking no serial) when the file write fails, so the caller NACKs. */
  append(messages: readonly Omit<StoredMessage, 'seq'>[]): StoredMessage[] {
    // Compact before writing, so a crash inside the compaction can only lose this (unacknowledged) publish.
    this.compactIfDue();
    const stored = messages.map((m, i) => ({ ...m, seq: this.lastSeq + 1 + i }));
    this.file?.append(stored);
    this.lastSeq = stored.at(-1)?.seq ?? this.lastSeq;
    for (const m of stored) {
      this.recent.push(m);
      this.ids.set(m.id, m.seq);
    }
    this.trim();
    return stored;
  }

  /** Keeps memory, the id window and the file bounded; amortised so a compaction runs every maxMessages appends. */
  private trim(): void {
    const { memoryWindow, idWindow } = this.options;
    if (this.recent.length > memoryWindow * 2) this.recent = this.recent.slice(-memoryWindow);
    while (this.ids.size > idWindow) {
      const oldest = this.ids.keys().next().value;
      if (oldest === undefined) break;
      this.ids.delete(oldest);
    }
  }

  private compactIfDue(): void {
    const { retention } = this.options;
    const index = this.file?.index;
    if (!this.file || !index || index.length < retention.maxMessages * 2) return;
    const cutoff = Date.now() - retention.maxAgeMs;
    let from = index.length - retention.maxMessages;
    while (from < index.length && (index[from]?.timestamp ?? 0) < cutoff) from++;
    this.file.compact(from);
  }

  /** Messages of the retained window from seq `from` (inclusive) on, from memory when it reaches back that far. */
  private from(seq: number): StoredMessage[] {
    if (!this.file || (this.recent[0] !== undefined && this.recent[0].seq <= seq)) return this.recent.filter((m) => m.seq >= seq);
    return this.file.readEntries(this.file.position(seq), this.file.index.length);
  }

  /**
   * Messages after `seq`, for replay on resume or re-attach (RTL4c1). `complete` is false when the serial is
   * unknown (from the future, e.g. the data dir was wiped) or older than what is retained.
   */
  since(seq: number): { messages: StoredMessage[]; complete: boolean } {
    if (seq > this.lastSeq) return { messages: [], complete: false };
    if (seq === this.lastSeq) return { messages: [], complete: true };
    return { messages: this.from(seq + 1), complete: seq + 1 >= this.firstSeq };
  }

  /** The newest `count` messages, or those newer than `sinceMs` (rewind, docs channels/options/rewind). */
  tail(count: number, sinceMs?: number): StoredMessage[] {
    const index = this.file?.index;
    const source = this.recent.length >= count || !this.file || !index ? this.recent : this.file.readEntries(Math.max(0, index.length - count), index.length);
    const slice = source.slice(-count);
    return sinceMs === undefined ? slice : slice.filter((m) => m.timestamp >= sinceMs);
  }

  /** One page of history. With a file, the index picks the page's lines and only those are read. */
  history(query: HistoryQuery): { items: StoredMessage[]; nextCursor: number | undefined } {
    const cutoff = Date.now() - this.options.retention.maxAgeMs;
    const wanted = (seq: number, timestamp: number) =>
      timestamp >= cutoff &&
      (query.untilSeq === undefined || seq <= query.untilSeq) &&
      (query.start === undefined || timestamp >= query.start) &&
      (query.end === undefined || timestamp <= query.end) &&
      (query.cursor === undefined || (query.direction === 'backwards' ? seq < query.cursor : seq > query.cursor));
    const backwards = query.direction === 'backwards';
    if (!this.file) {
      const matches = this.recent.filter((m) => wanted(m.seq, m.timestamp));
      if (backwards) matches.reverse();
      const items = matches.slice(0, query.limit);
      const last = items.at(-1);
      return { items, nextCursor: matches.length > query.limit && last ? last.seq : undefined };
    }
    const index = this.file.index;
    const picked: number[] = [];
    for (let i = backwards ? index.length - 1 : 0; i >= 0 && i < index.length && picked.length <= query.limit; i += backwards ? -1 : 1) {
      const entry = index[i];
      if (entry && wanted(entry.seq, entry.timestamp)) picked.push(i);
    }
    const page = picked.slice(0, query.limit);
    const lo = Math.min(...page);
    const hi = Math.max(...page);
    const read = page.length === 0 ? [] : this.file.readEntries(lo, hi + 1);
    const keep = new Set(page.map((i) => index[i]?.seq));
    const items = read.filter((m) => keep.has(m.seq));
    if (backwards) items.reverse();
    const last = items.at(-1);
    return { items, nextCursor: picked.length > query.limit && last ? last.seq : undefined };
  }

  close(): void {
    this.file?.close();
  }
}

export interface HistoryQuery {
  direction: 'backwards' | 'forwards';
  limit: number;
  start?: number;
  end?: number;
  /** Inclusive upper bound, from `from_serial` (untilAttach, RTL10b). */
  untilSeq?: number;
  /** Exclusive paging cursor in the query's direction. */
  cursor?: number;
}

