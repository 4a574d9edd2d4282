import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { open, rename, unlink } from 'node:fs/promises';
import path from 'node:path';
import * as v from 'valibot';
import { TranscriptLineSchema } from '../../lib/crm/crm-transcript.ts';
import type { Logger } from '../lib/log.ts';
import { createDemoStore, type DemoChanges, type DemoStore } from './demo-store.ts';
import { REQUEST_STATUSES, type DemoSeed } from './demo-types.ts';

// The demo CRM's store, kept between runs (issue 6: "a small real store that persists between runs").
//
// Why one JSON file, rewritten whole:
// - What changes is small and only ever Baton's own writes (requests created from chats, status changes); the
//   persons, companies and the rest come from seed-data.ts, laid out around today so the CRM never looks stale.
//   So the file holds the changes over the seed, not a copy of it.
// - An embedded database would be the next choice, but not yet: `node:sqlite` is still experimental in Node 22
//   (a warning on every start) and absent from the Node 20.19 that package.json allows; better-sqlite3 is a native
//   build on every machine. A file a person can read, or delete to reset the demo, serves a demo better.
// - Crash safety comes from the write: a temp file in the same folder, fsynced, then renamed over the old one.
//   rename(2) within one file system is atomic, so a kill at any moment leaves the old file or the new one, never
//   half of either. Writes are debounced (a burst of creates is one write) and serialised (never two at once); a
//   pending write is done synchronously on process exit, and `close()` flushes for callers that stop cleanly.
// - Size: every created request carries up to 1 MB of transcript and the whole file is rewritten on change. Fine
//   for a demo's tens of requests; a store that keeps thousands would want an append-only log like the hub's
//   channel-log.ts.
// A file that does not parse is moved aside (`demo-crm.json.corrupt-<time>`), not overwritten, and the CRM starts
// from the seed.

export const DATA_FILE = 'demo-crm.json';
const FORMAT_VERSION = 1;
const DEFAULT_DEBOUNCE_MS = 200;

const RequestSchema = v.object({
  id: v.pipe(v.number(), v.integer(), v.minValue(1)),
  title: v.string(),
  personId: v.nullable(v.pipe(v.number(), v.integer())),
  status: v.picklist(REQUEST_STATUSES),
  priority: v.picklist(['low', 'normal', 'high']),
  category: v.string(),
  createdAt: v.string(),
  updatedAt: v.string(),
  description: v.string(),
  transcript: v.array(TranscriptLineSchema),
});

const FileSchema = v.object({
  version: v.literal(FORMAT_VERSION),
  nextRequestId: v.pipe(v.number(), v.integer(), v.minValue(1)),
  created: v.array(RequestSchema),
  changed: v.record(v.pipe(v.string(), v.regex(/^\d+$/)), v.object({ status: v.picklist(REQUEST_STATUSES), updatedAt: v.string() })),
});

export interface PersistedDemoStore extends DemoStore {
  /** Writes any pending change now; resolves when it is on disk. */
  flush(): Promise<void>;
  /** Flushes and stops: later changes are kept in memory only. */
  close(): Promise<void>;
}

export interface PersistedStoreOptions {
  seed: DemoSeed;
  dataDir: string;
  logger: Logger;
  debounceMs?: number;
  now?: () => Date;
}

function load(file: string, logger: Logger): DemoChanges | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  const result = v.safeParse(FileSchema, parsed);
  if (result.success) return { nextRequestId: result.output.nextRequestId, created: result.output.created, changed: result.output.changed };
  const aside = `${file}.corrupt-${Date.now()}`;
  renameSync(file, aside);
  logger.warn('demo_store_unreadable', { file, movedTo: aside, issue: result.issues[0]?.message ?? 'not JSON' });
  return undefined;
}

const serialise = (changes: DemoChanges) => `${JSON.stringify({ version: FORMAT_VERSION, ...changes })}\n`;

export function createPersistedDemoStore(options: PersistedStoreOptions): PersistedDemoStore {
  const { dataDir, logger } = options;
  const debounceMs = options.debounceMs ?? DEFAULT_DEBOUNCE_MS;
  mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, DATA_FILE);
  let tmpCounter = 0;
  const tmpName = () => `${file}.${process.pid}.${++tmpCounter}.tmp`;

  let dirty = false;
  let closed = false;
  let timer: NodeJS.Timeout | undefined;
  let writing: Promise<void> = Promise.resolve();

  const writeNow = async (): Promise<void> => {
    if (!dirty) return;
    dirty = false;
    const text = serialise(store.changes());
    const tmp = tmpName();
    try {
      const handle = await open(tmp, 'w', 0o600);
      try {
        await handle.writeFile(text);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(tmp, file);
    } catch (error) {
      dirty = true; // try again with the next change or flush
      logger.error('demo_store_write_failed', { file, error: String(error) });
      await unlink(tmp).catch(() => undefined);
    }
  };

  const enqueue = () => (writing = writing.then(writeNow));

  const schedule = () => {
    dirty = true;
    if (closed || timer) return;
    timer = setTimeout(() => {
      timer = undefined;
      void enqueue();
    }, debounceMs);
    timer.unref();
  };

  // The last debounce window of a process that exits (Ctrl+C in `npm start`) is written synchronously.
  const onExit = () => {
    if (!dirty) return;
    const tmp = tmpName();
    try {
      writeFileSync(tmp, serialise(store.changes()), { mode: 0o600 });
      renameSync(tmp, file);
      dirty = false;
    } catch {
      // exiting; nothing left to tell
    }
  };
  process.on('exit', onExit);

  const store = createDemoStore(options.seed, { changes: load(file, logger), onChange: schedule, ...(options.now ? { now: options.now } : {}) });

  const flush = async () => {
    if (timer) {
      clearTimeout(timer);
      timer = undefined;
    }
    await enqueue();
  };

  return {
    ...store,
    flush,
    async close() {
      await flush();
      closed = true;
      process.off('exit', onExit);
    },
  };
}
