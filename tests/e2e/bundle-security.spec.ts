import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { DEFAULT_CRM_MATCHES } from '../../lib/crm/crm-sites.ts';
import { EXTENSION_DIR } from './support/environment.ts';

// What ships: no realtime API key anywhere in the built extension, and no permission
// it does not use (each one below is used where the comment says).
const USED_PERMISSIONS = new Set([
  'storage', // preferences, followed chats, collapsed state
  'alarms', // offer expiry while the worker sleeps
  'notifications', // transfer offers and outcomes
  'offscreen', // the optional chime (Chrome)
  'scripting', // the sidebar's content script on the policy's own CRM sites
]);

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? files(full) : [full];
  });
}

test('the built extension holds no API key and asks only for what it uses', () => {
  const manifest = JSON.parse(readFileSync(path.join(EXTENSION_DIR, 'manifest.json'), 'utf8')) as {
    permissions?: string[];
    host_permissions?: string[];
    optional_host_permissions?: string[];
    externally_connectable?: unknown;
  };
  expect(new Set(manifest.permissions)).toEqual(USED_PERMISSIONS);
  // Only the local demo hosts: the token service and the demo CRM's API live there.
  expect(manifest.host_permissions).toEqual(DEFAULT_CRM_MATCHES);
  // Any other CRM site only when the policy names it and the agent (or browser) grants it.
  expect(manifest.optional_host_permissions).toEqual(['https://*/*', 'http://*/*']);
  // No web page may message the background.
  expect(manifest.externally_connectable).toBeUndefined();

  // An Ably key is `<app>.<key>:<secret>`; the hub's are `<name>:<secret>`. Neither may ship.
  const ablyKey = /\b[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}:[A-Za-z0-9_-]{20,}\b/;
  for (const file of files(EXTENSION_DIR).filter((name) => /\.(js|json|html)$/.test(name))) {
    const text = readFileSync(file, 'utf8');
    expect(ablyKey.test(text), `${path.relative(EXTENSION_DIR, file)} contains something shaped like an API key`).toBe(false);
    expect(text.includes('BATON_HUB_KEY'), path.relative(EXTENSION_DIR, file)).toBe(false);
  }
});
