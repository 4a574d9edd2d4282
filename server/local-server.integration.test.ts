// The local server as a DNS-rebinding page would reach it, and SSO mode started without its proxy secret.
import { execFile } from 'node:child_process';
import { request } from 'node:http';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { startLocalServer, type LocalServer } from './local-server.ts';
import { createSsoAuthenticator } from './token-service/agent-identity.ts';

/** GET with an explicit Host header (fetch does not let a caller set Host; a rebinding browser does). */
function get(port: number, path: string, host: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers: { host } }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('local mode answers loopback Hosts only', () => {
  let server: LocalServer;
  beforeAll(async () => {
    server = await startLocalServer({ key: { keyName: 'host.test', secret: 'hostsecret' }, port: 0, roster: [{ id: 'mia', name: 'Mia', role: 'manager' }] });
  });
  afterAll(() => server.close());

  it('refuses a token, the demo CRM and the hub to a foreign Host and serves them to loopback', async () => {
    for (const path of ['/auth/agent?agentId=mia', '/crm/', '/time']) {
      const foreign = await get(server.port, path, `rebound.example:${server.port}`);
      expect(foreign.status, path).toBe(421);
      expect(foreign.body).not.toContain('eyJ');
    }
    const token = await get(server.port, '/auth/agent?agentId=mia', `127.0.0.1:${server.port}`);
    expect(token.status).toBe(200);
    expect((await get(server.port, '/auth/agent?agentId=mia', `localhost:${server.port}`)).status).toBe(200);
  });

  it('refuses a WebSocket upgrade with a foreign Host', async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/?key=host.test:hostsecret&format=json`, { headers: { host: `rebound.example:${server.port}` } });
    const outcome = await new Promise<string>((resolve) => {
      ws.on('open', () => resolve('open'));
      ws.on('error', () => resolve('refused'));
    });
    expect(outcome).toBe('refused');
  });
});

describe('SSO mode needs a proxy secret', () => {
  it('refuses to build an SSO authenticator with an empty secret', () => {
    expect(() => createSsoAuthenticator({ proxySecret: '' })).toThrow(/proxy secret/);
    expect(() => createSsoAuthenticator({ proxySecret: '  ' })).toThrow(/proxy secret/);
  });

  it('serve --auth sso exits with a message when BATON_SSO_PROXY_SECRET is unset or empty', async () => {
    const serve = fileURLToPath(new URL('./serve.ts', import.meta.url));
    for (const secret of [undefined, '']) {
      const env = { ...process.env, BATON_HUB_KEY: 'sso.test:ssosecret', BATON_SSO_PROXY_SECRET: secret };
      if (secret === undefined) delete env['BATON_SSO_PROXY_SECRET'];
      const result = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
        const child = execFile(process.execPath, [serve, '--auth', 'sso', '--port', '0'], { env, timeout: 15_000 }, (_error, _stdout, stderr) => resolve({ code: child.exitCode, stderr }));
      });
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('BATON_SSO_PROXY_SECRET');
    }
  }, 40_000);
});
