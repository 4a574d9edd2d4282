// One channel's append-only JSON-lines file with an in-memory index (seq, byte offset, length, timestamp per
// line), so reads cost what they return: a history page reads its own lines, never the whole file.
// Crash safety (docs/realtime-hub.md "Durability"): an append is written completely before the caller ACKs; a
// failed or partial write is cut back off, so no serial is taken by a message nobody acknowledged. On open, a torn
// last line (a kill mid-write, possibly inside a multi-byte character) is truncated at the last newline *byte*,
// and lines that do not parse, go backwards, or nest too deep are moved to `<file>.quarantine` with the reason.
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, readSync, renameSync, truncateSync, writeFileSync, appendFileSync, writeSync } from 'node:fs';
import type { StoredMessage } from './channel-log.ts';
import { depthWithin } from './payload-depth.ts';

/** The file operations the log uses; tests swap `writeSync` to kill the "process" at a chosen byte. */
export interface LogIo {
  writeSync(fd: number, buffer: Buffer, offset: number, length: number): number;
  truncateSync(file: string, length: number): void;
  renameSync(from: string, to: string): void;
}

export const nodeIo: LogIo = {
  writeSync: (fd, buffer, offset, length) => writeSync(fd, buffer, offset, length),
  truncateSync: (file, length) => truncateSync(file, length),
  renameSync: (from, to) => renameSync(from, to),
};

export interface IndexEntry {
  seq: number;
  offset: number;
  length: number;
  timestamp: number;
}

export type LogNotice = (event: string, fields: Record<string, unknown>) => void;

const NEWLINE = 0x0a;

/** Parses one stored line; a reason string when it must be quarantined. */
export function parseStoredLine(line: string, previousSeq: number): StoredMessage | string {
  let m: unknown;
  try {
    m = JSON.parse(line);
  } catch {
    return 'not JSON';
  }
  if (m === null || typeof m !== 'object') return 'not an object';
  const r = m as Partial<StoredMessage>;
  if (typeof r.seq !== 'number' || !Number.isSafeInteger(r.seq) || r.seq < 1) return 'no valid seq';
  if (r.seq <= previousSeq) return `seq ${r.seq} does not follow ${previousSeq}`;
  if (typeof r.id !== 'string' || typeof r.timestamp !== 'number') return 'no id or timestamp';
  if (!depthWithin(r.data) || !depthWithin(r.extras)) return 'data nests too deep';
  return r as StoredMessage;
}

export class LogFile {
  readonly index: IndexEntry[] = [];
  /** Highest seq ever written to this file (survives compaction: the last line is always kept). */
  lastSeq = 0;
  private size = 0;
  private fd: number | undefined;
  private readonly file: string;
  private readonly io: LogIo;
  private readonly fsync: boolean;
  private readonly notice: LogNotice;

  constructor(file: string, options: { io?: LogIo; fsync?: boolean; notice?: LogNotice } = {}) {
    this.file = file;
    this.io = options.io ?? nodeIo;
    this.fsync = options.fsync ?? false;
    this.notice = options.notice ?? (() => {});
    if (existsSync(file)) this.load();
  }

  /** Reads the file, repairs a torn tail and quarantines bad lines (rewriting the file without them). */
  private load(): StoredMessage[] {
    const bytes = readFileSync(this.file);
    const end = bytes.lastIndexOf(NEWLINE) + 1;
    if (end < bytes.length) {
      this.notice('log_torn_tail_truncated', { file: this.file, bytes: bytes.length - end });
      truncateSync(this.file, end);
    }
    const good: { m: StoredMessage; line: Buffer }[] = [];
    const bad: string[] = [];
    let start = 0;
    while (start < end) {
      const stop = bytes.indexOf(NEWLINE, start);
      const line = bytes.subarray(start, stop);
      start = stop + 1;
      if (line.length === 0) continue;
      const parsed = parseStoredLine(line.toString('utf8'), good.at(-1)?.m.seq ?? 0);
      if (typeof parsed === 'string') bad.push(JSON.stringify({ reason: parsed, line: line.toString('utf8').slice(0, 100_000) }));
      else good.push({ m: parsed, line });
    }
    if (bad.length > 0) {
      appendFileSync(`${this.file}.quarantine`, bad.join('\n') + '\n');
      this.notice('log_lines_quarantined', { file: this.file, count: bad.length, quarantine: `${this.file}.quarantine` });
      const tmp = `${this.file}.tmp`;
      writeFileSync(tmp, Buffer.concat(good.flatMap(({ line }) => [line, Buffer.from('\n')])));
      renameSync(tmp, this.file);
    }
    this.index.length = 0;
    this.size = 0;
    for (const { m, line } of good) {
      this.index.push({ seq: m.seq, offset: this.size, length: line.length, timestamp: m.timestamp });
      this.size += line.length + 1;
    }
    this.lastSeq = good.at(-1)?.m.seq ?? 0;
    return good.map(({ m }) => m);
  }

  /** Every message in the file, oldest first (only at start-up, to fill the memory window). */
  readAll(): StoredMessage[] {
    return this.index.length === 0 ? [] : this.readEntries(0, this.index.length);
  }

  /**
   * Appends whole lines. Throws when the write fails; the file is then cut back to its previous size, so the
   * caller can NACK and nothing half-written or unacknowledged stays behind to take a serial.
   */
  append(messages: readonly StoredMessage[]): void {
    const lines = messages.map((m) => Buffer.from(JSON.stringify(m) + '\n'));
    const buffer = Buffer.concat(lines);
    const fd = (this.fd ??= openSync(this.file, 'a+'));
    let written = 0;
    try {
      while (written < buffer.length) written += this.io.writeSync(fd, buffer, written, buffer.length - written);
      if (this.fsync) fsyncSync(fd);
    } catch (error) {
      // Cut off whatever part of the batch reached the file (a write may fail after writing some bytes).
      this.io.truncateSync(this.file, this.size);
      throw error;
    }
    for (const [i, line] of lines.entries()) {
      const m = messages[i];
      if (!m) continue;
      this.index.push({ seq: m.seq, offset: this.size, length: line.length - 1, timestamp: m.timestamp });
      this.size += line.length;
    }
    this.lastSeq = messages.at(-1)?.seq ?? this.lastSeq;
  }

  /** Position of the first entry with seq ≥ `seq` (binary search). */
  position(seq: number): number {
    let lo = 0;
    let hi = this.index.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.index[mid]?.seq ?? 0) < seq) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Messages of index positions [from, to), read in one contiguous read. */
  readEntries(from: number, to: number): StoredMessage[] {
    const first = this.index[from];
    const last = this.index[to - 1];
    if (!first || !last || to <= from) return [];
    const fd = (this.fd ??= openSync(this.file, 'a+'));
    const length = last.offset + last.length - first.offset;
    const buffer = Buffer.alloc(length);
    let read = 0;
    while (read < length) {
      const n = readSync(fd, buffer, read, length - read, first.offset + read);
      if (n === 0) break;
      read += n;
    }
    const out: StoredMessage[] = [];
    for (let i = from; i < to; i++) {
      const entry = this.index[i];
      if (!entry) continue;
      const start = entry.offset - first.offset;
      out.push(JSON.parse(buffer.subarray(start, start + entry.length).toString('utf8')) as StoredMessage);
    }
    return out;
  }

  /**
   * Keeps index positions [from, end) (write a temp file, then rename: atomic on POSIX, so a kill at any byte
   * leaves either the old file or the new one). The last line is always kept so lastSeq survives a restart.
   */
  compact(from: number): void {
    const keepFrom = Math.min(from, this.index.length - 1);
    if (keepFrom <= 0) return;
    const kept = this.readEntries(keepFrom, this.index.length);
    this.close();
    const tmp = `${this.file}.tmp`;
    writeFileSync(tmp, kept.map((m) => JSON.stringify(m) + '\n').join(''));
    if (this.fsync) {
      const fd = openSync(tmp, 'r');
      fsyncSync(fd);
      closeSync(fd);
    }
    this.io.renameSync(tmp, this.file);
    this.load();
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}
