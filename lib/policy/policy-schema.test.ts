import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_REPORTED_PROBLEMS } from './policy-problem.ts';
import { MAX_CRM_SITES, POLICY_KEYS, parsePolicy, type Policy } from './policy-schema.ts';

const FULL: Policy = {
  crmSites: ['https://online.superoffice.com/*', 'https://*.crm.example.com/*'],
  tokenServiceUrl: 'https://baton.example.com',
  realtimeEndpoint: 'main',
  realtimePort: 443,
  realtimeTls: true,
  offerTimeoutSeconds: 90,
  notifications: false,
  allowAgentToChangeNotifications: true,
  sound: true,
  allowAgentToChangeSound: false,
  language: 'da',
  allowAgentToChangeLanguage: true,
  features: { managerTakeover: false, listenIn: true, createRequest: false },
  crmAdapter: 'superoffice',
  crmAdapterSettings: { baseUrl: 'https://online.superoffice.com/Cust12345/', tenantId: 'Cust12345', auth: 'session' },
};

describe('parsePolicy', () => {
  it('reads a complete, well-formed policy without problems', () => {
    expect(parsePolicy(FULL)).toEqual({ policy: FULL, problems: [] });
  });

  it.each([undefined, null, {}])('reads %j as no policy, quietly', (raw) => {
    expect(parsePolicy(raw)).toEqual({ policy: {}, problems: [] });
  });

  it.each([[[]], ['policy'], [42]])('reports a root that is not an object: %j', (raw) => {
    expect(parsePolicy(raw)).toEqual({ policy: {}, problems: [{ key: '*', reason: 'wrong-type', value: JSON.stringify(raw), expected: 'object' }] });
  });

  it.each([
    ['tokenServiceUrl', 42, 'wrong-type'],
    ['tokenServiceUrl', 'baton.example.com', 'malformed'],
    ['tokenServiceUrl', 'javascript:alert(1)', 'malformed'],
    ['tokenServiceUrl', 'ftp://baton.example.com', 'malformed'],
    ['tokenServiceUrl', `https://baton.example.com/${'a'.repeat(3000)}`, 'too-long'],
    ['realtimeEndpoint', 'wss://main', 'malformed'],
    ['realtimeEndpoint', 'hub.example.com:8080', 'malformed'],
    ['realtimeEndpoint', '', 'malformed'],
    ['realtimeEndpoint', ['main'], 'wrong-type'],
    ['realtimePort', '8377', 'wrong-type'],
    ['realtimePort', 80.5, 'wrong-type'],
    ['realtimePort', 0, 'out-of-range'],
    ['realtimePort', 70000, 'out-of-range'],
    ['realtimeTls', 'true', 'wrong-type'],
    ['realtimeTls', 1, 'wrong-type'],
    ['offerTimeoutSeconds', 14, 'out-of-range'],
    ['offerTimeoutSeconds', 601, 'out-of-range'],
    ['offerTimeoutSeconds', Number.POSITIVE_INFINITY, 'wrong-type'],
    ['offerTimeoutSeconds', Number.NaN, 'wrong-type'],
    ['offerTimeoutSeconds', null, 'wrong-type'],
    ['notifications', 'yes', 'wrong-type'],
    ['allowAgentToChangeSound', 0, 'wrong-type'],
    ['language', 'fr', 'not-allowed'],
    ['language', 'DA', 'not-allowed'],
    ['language', 1, 'not-allowed'],
    ['crmAdapter', 'salesforce', 'not-allowed'],
    ['crmSites', 'https://crm.example.com/*', 'wrong-type'],
    ['crmSites', { 0: 'https://crm.example.com/*' }, 'wrong-type'],
    ['features', true, 'wrong-type'],
    ['features', ['listenIn'], 'wrong-type'],
    ['crmAdapterSettings', 'https://crm.example.com', 'wrong-type'],
  ])('ignores %s = %j (%s) and keeps every other key', (key, value, reason) => {
    const { policy, problems } = parsePolicy({ ...FULL, [key]: value });
    // FULL names SuperOffice: without its settings, SuperOffice has no address, which is reported too.
    const missing = key === 'crmAdapterSettings' ? [expect.objectContaining({ key, reason: 'missing' })] : [];
    expect(problems).toEqual([expect.objectContaining({ key, reason }), ...missing]);
    const { [key as keyof Policy]: _dropped, ...rest } = FULL;
    expect(policy).toEqual(rest);
  });

  it('reports unknown keys, at the top and nested, and still reads the rest', () => {
    const { policy, problems } = parsePolicy({
      ...FULL,
      offerTimeout: 60,
      __proto__: { polluted: true },
      features: { ...FULL.features, coBrowse: true },
      crmAdapterSettings: { ...FULL.crmAdapterSettings, apiKey: 'secret' },
    });
    expect(policy).toEqual(FULL);
    expect(problems.map(({ key, reason }) => `${key}:${reason}`)).toEqual([
      'offerTimeout:unknown-key',
      'features.coBrowse:unknown-key',
      'crmAdapterSettings.apiKey:unknown-key',
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('reports a JSON-parsed __proto__ key as unknown without touching prototypes', () => {
    const { policy, problems } = parsePolicy(JSON.parse('{"__proto__": {"sound": true}, "features": {"__proto__": {"listenIn": false}}}'));
    expect(policy).toEqual({});
    expect(problems.map((item) => item.key)).toEqual(['__proto__', 'features.__proto__']);
    expect(Object.getPrototypeOf(policy)).toBe(Object.prototype);
  });

  it('drops malformed patterns one by one', () => {
    const { policy, problems } = parsePolicy({
      crmSites: ['https://crm.example.com/*', '<all_urls>', 'http://crm:8080/*', 42, 'https://crm.example.com/*', 'file:///*', null],
    });
    expect(policy).toEqual({ crmSites: ['https://crm.example.com/*'] });
    expect(problems.map(({ key, reason }) => `${key}:${reason}`)).toEqual([
      'crmSites[1]:malformed',
      'crmSites[2]:malformed',
      'crmSites[3]:wrong-type',
      'crmSites[5]:malformed',
      'crmSites[6]:wrong-type',
    ]);
    expect(problems[0]?.expected).toMatch(/scheme \*, http or https/);
  });

  it('keeps an empty site list (Baton nowhere) but falls back to the default when nothing usable is left', () => {
    expect(parsePolicy({ crmSites: [] })).toEqual({ policy: { crmSites: [] }, problems: [] });
    const allBad = parsePolicy({ crmSites: ['<all_urls>', 'nonsense'] });
    expect(allBad.policy).toEqual({});
    expect(allBad.problems).toHaveLength(2);
  });

  it('reads nested objects key by key', () => {
    const { policy, problems } = parsePolicy({
      features: { managerTakeover: false, listenIn: 'no', createRequest: { deep: [1, 2, 3] } },
      crmAdapterSettings: { baseUrl: 'not a url', tenantId: 'Cust12345' },
    });
    expect(policy).toEqual({ features: { managerTakeover: false }, crmAdapterSettings: { tenantId: 'Cust12345' } });
    expect(problems.map(({ key, reason }) => `${key}:${reason}`)).toEqual([
      'features.listenIn:wrong-type',
      'features.createRequest:wrong-type',
      'crmAdapterSettings.baseUrl:malformed',
    ]);
  });

  it('reports a CRM kind that cannot work: the removed webhook kind, SuperOffice with no address, an unknown sign-in', () => {
    expect(parsePolicy({ crmAdapter: 'webhook' }).problems.map(({ key, reason }) => `${key}:${reason}`)).toEqual(['crmAdapter:not-allowed']);
    const { policy, problems } = parsePolicy({ crmAdapter: 'superoffice', crmAdapterSettings: { auth: 'password' } });
    expect(policy).toEqual({ crmAdapter: 'superoffice' });
    expect(problems.map(({ key, reason }) => `${key}:${reason}`)).toEqual(['crmAdapterSettings.auth:not-allowed', 'crmAdapterSettings:missing']);
    expect(parsePolicy({ crmAdapter: 'superoffice', crmAdapterSettings: { tenantId: 'Cust1', auth: 'oauth' } }).problems).toEqual([]);
  });

  it('treats an object with nothing usable in it as not set', () => {
    expect(parsePolicy({ features: {}, crmAdapterSettings: {} })).toEqual({ policy: {}, problems: [] });
    expect(parsePolicy({ features: { listenIn: 1 } }).policy).toEqual({});
  });

  it('stays bounded on huge values', () => {
    const sites = Array.from({ length: 100_000 }, (_, i) => `https://crm${i}.example.com/*`);
    const { policy, problems } = parsePolicy({
      crmSites: sites,
      tokenServiceUrl: `https://${'a'.repeat(5_000_000)}.example.com`,
      language: 'x'.repeat(1_000_000),
    });
    expect(policy.crmSites).toHaveLength(MAX_CRM_SITES);
    expect(problems.map(({ key, reason }) => `${key}:${reason}`)).toEqual([
      'tokenServiceUrl:too-long',
      'language:not-allowed',
      'crmSites:too-long',
    ]);
    for (const item of problems) expect(item.value.length).toBeLessThanOrEqual(120);
  });

  it('lists at most MAX_REPORTED_PROBLEMS problems', () => {
    const junk = Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`junk${i}`, i]));
    const { policy, problems } = parsePolicy({ ...junk, sound: true });
    expect(problems).toHaveLength(MAX_REPORTED_PROBLEMS);
    expect(policy).toEqual({ sound: true });
  });

  it('never throws, even on hostile objects', () => {
    const hostile = new Proxy({}, { ownKeys: () => { throw new Error('no'); } });
    expect(parsePolicy(hostile)).toEqual({ policy: {}, problems: [expect.objectContaining({ key: '*', reason: 'malformed' })] });
  });

  it('never throws and returns a policy that reads back unchanged (property)', () => {
    const value = fc.oneof(fc.jsonValue(), fc.constantFrom(...Object.values(FULL)));
    const raw = fc.dictionary(fc.oneof(fc.constantFrom(...POLICY_KEYS), fc.string()), value);
    fc.assert(
      fc.property(raw, (input) => {
        const { policy } = parsePolicy(input);
        const again = parsePolicy(policy);
        expect(again.policy).toEqual(policy);
        // Only the cross-key check (SuperOffice without an address) may remain: every value itself is clean.
        expect(again.problems.filter((p) => p.reason !== 'missing')).toEqual([]);
      }),
    );
  });
});
