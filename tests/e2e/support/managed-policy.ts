import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { EXTENSION_ID } from './environment.ts';

// A real managed policy for Baton, as an admin would deploy it on Linux: Chromium reads
// /etc/chromium/policies/managed/*.json at start and re-reads it about every 5 s.
// Machine-wide and root-only, so each file is unique to this run and removed after.
const POLICY_DIR = process.env.CHROMIUM_POLICY_DIR ?? '/etc/chromium/policies/managed';

export function writeManagedPolicy(values: Record<string, unknown>): { file: string; update(next: Record<string, unknown>): void; remove(): void } {
  const file = path.join(POLICY_DIR, `baton-e2e-${process.pid}.json`);
  const write = (next: Record<string, unknown>) => {
    try {
      mkdirSync(POLICY_DIR, { recursive: true });
      writeFileSync(file, JSON.stringify({ '3rdparty': { extensions: { [EXTENSION_ID]: next } } }));
    } catch (error) {
      throw new Error(`unable to write the managed policy ${file}; run the e2e suite as root`, { cause: error });
    }
  };
  write(values);
  return { file, update: write, remove: () => rmSync(file, { force: true }) };
}
