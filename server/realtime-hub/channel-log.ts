// One channel's durable message log: an append-only JSON-lines file (when a data dir is set) plus a bounded
// in-memory window of the newest messages. Appends are written synchronously before the caller ACKs, so a
// killed hub loses no acknowledged message; sequence numbers are recovered from the file on load.
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, statSync, truncateSync, writeFileSync, writeSync } from 'node:fs';

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
}

export class ChannelLog {
  lastSeq = 0;
  /** Oldest seq still retained (0 when empty). */
  firstSeq = 0;
  private recent: StoredMessage[] = [];
  private readonly ids = new Map<string, number>();
  private fd: number | undefined;
  private linesInFile = 0;
  private readonly options: ChannelLogOptions;

  constructor(options: ChannelLogOptions) {
    this.options = options;
    if (options.file !== undefined && existsSync(options.file)) this.load(options.file);
  }

  private load(file: string): void {
    const all = readLines(file);
    this.linesInFile = all.length;
    const last = all.at(-1);
    const first = all[0];
    if (last && first) {
      this.lastSeq = last.seq;
      this.firstSeq = first.seq;
    }
    this.recent = all.slice(-this.options.memoryWindow);
    for (const m of all.slice(-this.options.idWindow)) this.ids.set(m.id, m.seq);
  }

  hasId(id: string): boolean {
    return this.ids.has(id);
  }

  append(messages: readonly Omit<StoredMessage, 'seq'>[]): StoredMessage[] {
    const stored = messages.map((m) => ({ ...m, seq: ++this.lastSeq }));
    if (this.firstSeq === 0 && stored[0]) this.firstSeq = stored[0].seq;
    if (this.options.file !== undefined) {
      const fd = (this.fd ??= openSync(this.options.file, 'a'));
      writeSync(fd, stored.map((m) => JSON.stringify(m)).join('\n') + '\n');
      if (this.options.fsync) fsyncSync(fd);
      this.linesInFile += stored.length;
    }
    for (const m of stored) {
      this.recent.push(m);
      this.ids.set(m.id, m.seq);
    }
    this.trim();
    return stored;
  }

  /** Keeps memory, the id window and the file bounded; amortised so a compaction runs every maxMessages appends. */
  private trim(): void {
    const { memoryWindow, idWindow, retention } = this.options;
    if (this.recent.length > memoryWindow * 2) this.recent = this.recent.slice(-memoryWindow);
    while (this.ids.size > idWindow) {
      const oldest = this.ids.keys().next().value;
      if (oldest === undefined) break;
      this.ids.delete(oldest);
    }
    const fileBacked = this.options.file !== undefined;
    if (fileBacked && this.linesInFile > retention.maxMessages * 2) this.compact();
    if (!fileBacked) this.firstSeq = this.recent[0]?.seq ?? this.firstSeq;
    else this.firstSeq = Math.max(this.firstSeq, this.lastSeq - this.linesInFile + 1);
  }

  /** Rewrites the file with the retained tail (write to a temp file, then rename: atomic on POSIX). */
  private compact(): void {
    const file = this.options.file;
    if (file === undefined) return;
    const cutoff = Date.now() - this.options.retention.maxAgeMs;
    const kept = readLines(file).slice(-this.options.retention.maxMessages).filter((m) => m.timestamp >= cutoff);
    this.closeFile();
    const tmp = `${file}.tmp`;
    writeFileSync(tmp, kept.map((m) => JSON.stringify(m) + '\n').join(''));
    renameSync(tmp, file);
    this.linesInFile = kept.length;
    this.firstSeq = kept[0]?.seq ?? this.lastSeq + 1;
  }

  /** Every retained message, oldest first (reads the file when the memory window does not reach back far enough). */
  private all(): StoredMessage[] {
    const oldestInMemory = this.recent[0]?.seq;
    if (this.options.file === undefined || oldestInMemory === undefined || oldestInMemory <= this.firstSeq) {
      return this.recent.filter((m) => m.seq >= this.firstSeq);
    }
    return readLines(this.options.file).filter((m) => m.seq >= this.firstSeq);
  }

  /**
   * Messages after `seq`, for replay on resume or re-attach (RTL4c1). `complete` is false when the serial is
   * unknown (from the future, e.g. the data dir was wiped) or older than what is retained.
   */
  since(seq: number): { messages: StoredMessage[]; complete: boolean } {
    if (seq > this.lastSeq) return { messages: [], complete: false };
    if (seq === this.lastSeq) return { messages: [], complete: true };
    const complete = seq + 1 >= this.firstSeq;
    const fromMemory = this.recent[0] !== undefined && this.recent[0].seq <= seq + 1;
    const source = fromMemory ? this.recent : this.all();
    return { messages: source.filter((m) => m.seq > seq), complete };
  }

  /** The newest `count` messages, or those newer than `sinceMs` (rewind, docs channels/options/rewind). */
  tail(count: number, sinceMs?: number): StoredMessage[] {
    const source = this.recent.length >= count || this.options.file === undefined ? this.recent : this.all();
    const slice = source.slice(-count);
    return sinceMs === undefined ? slice : slice.filter((m) => m.timestamp >= sinceMs);
  }

  history(query: HistoryQuery): { items: StoredMessage[]; nextCursor: number | undefined } {
    const cutoff = Date.now() - this.options.retention.maxAgeMs;
    const matches = this.all().filter(
      (m) =>
        m.timestamp >= cutoff &&
        (query.untilSeq === undefined || m.seq <= query.untilSeq) &&
        (query.start === undefined || m.timestamp >= query.start) &&
        (query.end === undefined || m.timestamp <= query.end) &&
        (query.cursor === undefined || (query.direction === 'backwards' ? m.seq < query.cursor : m.seq > query.cursor)),
    );
    if (query.direction === 'backwards') matches.reverse();
    const items = matches.slice(0, query.limit);
    const last = items.at(-1);
    return { items, nextCursor: matches.length > query.limit && last ? last.seq : undefined };
  }

  private closeFile(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }

  close(): void {
    this.closeFile();
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

/** Reads a log file, dropping a torn final line left by a crash mid-write (and truncating it away). */
function readLines(file: string): StoredMessage[] {
  const text = readFileSync(file, 'utf8');
  const end = text.lastIndexOf('\n') + 1;
  if (end < text.length && statSync(file).size === Buffer.byteLength(text)) truncateSync(file, Buffer.byteLength(text.slice(0, end)));
  const out: StoredMessage[] = [];
  for (const line of text.slice(0, end).split('\n')) {
    if (line === '') continue;
    try {
      const m = JSON.parse(line) as StoredMessage;
      if (typeof m.seq === 'number' && typeof m.id === 'string') out.push(m);
    } catch {
      // A corrupt line is skipped rather than making the whole channel unreadable.
    }
  }
  return out;
}
