import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FEATURE_KEYS } from './defaults.ts';
import { POLICY_KEYS, parsePolicy } from './policy-schema.ts';

// Convention tests: public/managed_schema.json is what Chrome enforces, policy-schema.ts is
// what Baton reads, docs/admin/examples are what admins copy. They must agree, and the
// schema must stay loadable: an invalid schema stops the extension from loading at all
// (developer.chrome.com/docs/extensions/reference/manifest/storage).

const root = new URL('../../', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, root), 'utf8');
const CHROME_ID = 'jobolockmhjgpbicekbbfdmnnfljnmbk';
const GECKO_ID = 'baton@baton.example';

interface ChromeSchema {
  type?: string;
  title?: string;
  description?: string;
  properties?: Record<string, ChromeSchema>;
  items?: ChromeSchema;
  additionalProperties?: ChromeSchema;
}

const schema = JSON.parse(read('public/managed_schema.json')) as ChromeSchema;

// The attributes Chromium's schema parser knows (components/policy/core/common/schema.cc);
// Baton uses only the plain ones, and leaves ranges and choices to policy-schema.ts, which
// reports them to the admin instead of Chrome dropping them silently.
const ALLOWED_ATTRIBUTES = new Set(['type', 'title', 'description', 'properties', 'items', 'additionalProperties']);
const TYPES = new Set(['boolean', 'integer', 'number', 'string', 'array', 'object']);

function schemaErrors(node: ChromeSchema, path: string): string[] {
  const errors = Object.keys(node).filter((key) => !ALLOWED_ATTRIBUTES.has(key)).map((key) => `${path}: attribute ${key}`);
  if (!node.type || !TYPES.has(node.type)) errors.push(`${path}: type ${node.type}`);
  if (node.type === 'array' && !node.items) errors.push(`${path}: array without items`);
  for (const [key, child] of Object.entries(node.properties ?? {})) errors.push(...schemaErrors(child, `${path}.${key}`));
  if (node.items) errors.push(...schemaErrors(node.items, `${path}[]`));
  return errors;
}

/** What Chrome does with a value: true when it would publish it to storage.managed. */
function chromeAccepts(value: unknown, node: ChromeSchema): boolean {
  switch (node.type) {
    case 'boolean':
      return typeof value === 'boolean';
    case 'integer':
      return Number.isInteger(value);
    case 'string':
      return typeof value === 'string';
    case 'array':
      return Array.isArray(value) && value.every((item) => node.items !== undefined && chromeAccepts(item, node.items));
    case 'object':
      return typeof value === 'object' && value !== null && !Array.isArray(value) &&
        Object.entries(value).every(([key, item]) => node.properties?.[key] !== undefined && chromeAccepts(item, node.properties[key]));
    default:
      return false;
  }
}

const EXAMPLE = JSON.parse(read('docs/admin/examples/baton-policy.json')) as Record<string, unknown>;

describe('public/managed_schema.json', () => {
  it('is a schema Chrome loads', () => {
    expect(schema.type).toBe('object');
    expect(schema).not.toHaveProperty('additionalProperties');
    expect(schemaErrors(schema, '$')).toEqual([]);
  });

  it('declares exactly the keys Baton reads, with a title and description each', () => {
    expect(Object.keys(schema.properties ?? {}).sort()).toEqual([...POLICY_KEYS].sort());
    expect(Object.keys(schema.properties?.features?.properties ?? {}).sort()).toEqual([...FEATURE_KEYS].sort());
    expect(Object.keys(schema.properties?.crmAdapterSettings?.properties ?? {}).sort()).toEqual(['auth', 'baseUrl', 'tenantId']);
    for (const [key, node] of Object.entries(schema.properties ?? {})) {
      expect(node.title, key).toBeTruthy();
      expect(node.description, key).toBeTruthy();
    }
  });

  it('agrees with Baton on the JSON type of every key', () => {
    const complete = { ...EXAMPLE, allowAgentToChangeSound: false };
    expect(Object.keys(complete).sort()).toEqual([...POLICY_KEYS].sort());
    expect(chromeAccepts(complete, schema)).toBe(true);
    expect(parsePolicy(complete).problems).toEqual([]);
  });
});

describe('docs/admin/examples', () => {
  it.each(['baton-policy.json', 'self-hosted-hub-policy.json'])('%s is a clean policy Chrome publishes whole', (file) => {
    const values = JSON.parse(read(`docs/admin/examples/${file}`));
    expect(chromeAccepts(values, schema)).toBe(true);
    expect(parsePolicy(values).problems).toEqual([]);
  });

  it('the force-install examples name the same extension id', () => {
    const install = JSON.parse(read('docs/admin/examples/chrome-force-install.json'));
    expect(Object.keys(install.ExtensionSettings)).toEqual([CHROME_ID]);
    expect(read('docs/admin/examples/update-manifest.xml')).toContain(`appid="${CHROME_ID}"`);
  });

  it('the Linux file carries the same values for the Chrome id', () => {
    const file = JSON.parse(read('docs/admin/examples/linux-managed-policy.json'));
    expect(file['3rdparty'].extensions[CHROME_ID]).toEqual(EXAMPLE);
  });

  it('the Firefox policies.json carries the same values for the gecko id and force-installs it', () => {
    const file = JSON.parse(read('docs/admin/examples/firefox-policies.json'));
    expect(file.policies['3rdparty'].Extensions[GECKO_ID]).toEqual(EXAMPLE);
    expect(file.policies.ExtensionSettings[GECKO_ID].installation_mode).toBe('force_installed');
  });

  it.each([
    ['windows-chrome.reg', 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Google\\Chrome'],
    ['windows-edge.reg', 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\Edge'],
  ])('%s holds the same values, as Chromium converts registry data', (file, policyRoot) => {
    const base = `${policyRoot}\\3rdparty\\extensions\\${CHROME_ID}\\policy`;
    expect(fromRegistry(read(`docs/admin/examples/${file}`), base)).toEqual(EXAMPLE);
  });

  it('the macOS profile names the Chrome extension domain and every key', () => {
    const profile = read('docs/admin/examples/macos-chrome.mobileconfig');
    expect(profile).toContain(`<string>com.google.Chrome.extensions.${CHROME_ID}</string>`);
    for (const key of Object.keys(EXAMPLE)) expect(profile).toContain(`<key>${key}</key>`);
  });
});

/**
 * Reads a .reg file the way Chromium's registry_dict.cc turns registry data into policy:
 * REG_DWORD becomes a boolean or integer by the schema, a subkey becomes an object, or a list
 * when the schema says array (values named 1, 2, …).
 */
function fromRegistry(text: string, base: string): Record<string, unknown> {
  const keys = new Map<string, Record<string, string | number>>();
  let current: Record<string, string | number> | undefined;
  for (const line of text.split(/\r?\n/)) {
    const section = /^\[(.+)\]$/.exec(line);
    if (section?.[1]) keys.set(section[1], (current = {}));
    const entry = /^"([^"]+)"=(?:"(.*)"|dword:([0-9a-f]{8}))$/.exec(line);
    if (entry?.[1] && current) current[entry[1]] = entry[3] === undefined ? (entry[2] ?? '') : Number.parseInt(entry[3], 16);
  }
  const convert = (values: Record<string, string | number>, node: ChromeSchema | undefined, path: string): unknown => {
    if (node?.type === 'array') return Object.keys(values).sort().map((index) => values[index]);
    const result: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(values)) result[name] = node?.properties?.[name]?.type === 'boolean' ? value !== 0 : value;
    for (const [name, sub] of keys) {
      const child = sub !== values && name.startsWith(`${path}\\`) ? name.slice(path.length + 1) : undefined;
      if (child && !child.includes('\\')) result[child] = convert(sub, node?.properties?.[child], name);
    }
    return result;
  };
  return convert(keys.get(base) ?? {}, schema, base) as Record<string, unknown>;
}
