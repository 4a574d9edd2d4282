import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startLocalServer, type LocalServer } from '../../../server/local-server.ts';
import { nodeIo, type LogIo } from '../../../server/realtime-hub/log-file.ts';
import { loadRoster } from '../../../server/token-service/roster.ts';

/**
 * An in-process local server whose hub store really fails the writes of lines containing `marker` while `fails`
 * says so (as a full disk would: the hub NACKs that publish). Everything else is stored as normal. `writes` records
 * each marked write as 'refused' or 'stored'.
 */
export async function startFailingStoreServer(marker: string, name: string) {
  const dataDir = mkdtempSync(path.join(tmpdir(), `baton-${name}-`));
  const store = { fails: false, writes: [] as string[] };
  const io: LogIo = {
    ...nodeIo,
    writeSync(fd, buffer, offset, length) {
      const line = buffer.subarray(offset, offset + length).toString('utf8');
      if (line.includes(marker)) {
        store.writes.push(store.fails ? 'refused' : 'stored');
        if (store.fails) throw new Error('ENOSPC: no space left on device, write');
      }
      return nodeIo.writeSync(fd, buffer, offset, length);
    },
  };
  const server: LocalServer = await startLocalServer({
    key: { keyName: 'baton.e2e', secret: `${name}-secret` },
    port: 0,
    dataDir,
    roster: loadRoster('server/token-service/demo-roster.json'),
    hub: { io },
  });
  return {
    server,
    store,
    async close() {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
