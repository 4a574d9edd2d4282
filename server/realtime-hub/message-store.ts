// All channels' logs. With a data dir each channel is one file under <dataDir>/channels/; loaded channel logs are
// kept in an LRU so memory and open file descriptors stay bounded however many chats have ever existed.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ChannelLog } from './channel-log.ts';
import type { RetentionPolicy } from './channel-log.ts';
import type { LogIo, LogNotice } from './log-file.ts';

export interface MessageStoreOptions {
  /** Directory for durable history; omitted = memory only (lost on restart). */
  dataDir?: string;
  /** Retention per channel; default 1000 messages / 72 h. */
  retention?: (channel: string) => RetentionPolicy;
  /** Newest messages per channel kept in memory (default 200). */
  memoryWindow?: number;
  /** Channel logs kept loaded (default 500) when they are kept in files; memory-only logs are never evicted. */
  maxLoadedChannels?: number;
  /** fsync every append (survives power loss, not only a killed process); default false. */
  fsync?: boolean;
  /** Repairs and quarantines of damaged files are reported here (the hub logs them as warnings). */
  notice?: LogNotice;
  /** File operations; tests inject a crash at a chosen byte. */
  io?: LogIo;
}

export const DEFAULT_RETENTION: RetentionPolicy = { maxMessages: 1000, maxAgeMs: 72 * 3600_000 };

export interface MessageStore {
  log(channel: string): ChannelLog;
  loadedChannels(): number;
  close(): void;
}

export function channelFileName(channel: string): string {
  return `${Buffer.from(channel, 'utf8').toString('base64url')}.log`;
}

export function createMessageStore(options: MessageStoreOptions = {}): MessageStore {
  const dir = options.dataDir === undefined ? undefined : join(options.dataDir, 'channels');
  if (dir !== undefined) mkdirSync(dir, { recursive: true });
  const retention = options.retention ?? (() => DEFAULT_RETENTION);
  const maxLoaded = options.maxLoadedChannels ?? 500;
  const logs = new Map<string, ChannelLog>();

  return {
    log(channel) {
      const existing = logs.get(channel);
      if (existing) {
        // Re-insert to mark as most recently used.
        logs.delete(channel);
        logs.set(channel, existing);
        return existing;
      }
      const policy = retention(channel);
      const log = new ChannelLog({
        file: dir === undefined ? undefined : join(dir, channelFileName(channel)),
        retention: policy,
        memoryWindow: dir === undefined ? policy.maxMessages : Math.min(options.memoryWindow ?? 200, policy.maxMessages),
        fsync: options.fsync ?? false,
        idWindow: Math.max(1000, options.memoryWindow ?? 200),
        ...(options.io ? { io: options.io } : {}),
        ...(options.notice ? { notice: options.notice } : {}),
      });
      logs.set(channel, log);
      // Only logs kept in files are evicted: they load again from their file. A memory-only log is its channel's
      // only copy, so evicting it lost the history of a live chat once more than 500 channels had been used (a
      // 500-agent organisation has ~1,000 chats and inboxes): an agent offered such a chat read a history without
      // its assignment or the offer and dropped it at once (docs/architecture.md "Scale", issue 18). Memory-only
      // logs stay bounded per channel by retention (maxMessages, maxAgeMs).
      if (dir !== undefined && logs.size > maxLoaded) {
        const [oldestName, oldest] = logs.entries().next().value ?? [];
        if (oldestName !== undefined && oldest) {
          oldest.close();
          logs.delete(oldestName);
        }
      }
      return log;
    },
    loadedChannels: () => logs.size,
    close() {
      for (const log of logs.values()) log.close();
      logs.clear();
    },
  };
}
