// `npm run revoke-agent -- <agentId> [--rest-url url] [--reauth-margin]`: cuts an agent off now (docs/admin/revoke.md).
// The key comes from BATON_HUB_KEY (the hub's, or the Ably API key the token service signs with); the REST host
// from --rest-url or BATON_REST_URL (default: a hub on this machine).
import { parseArgs } from 'node:util';
import { parseApiKey } from '../server/realtime-hub/credentials.ts';
import { revokeAgentTokens } from '../server/token-service/revoke-agent.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    'rest-url': { type: 'string', default: process.env['BATON_REST_URL'] ?? 'http://127.0.0.1:8377' },
    'reauth-margin': { type: 'boolean', default: false },
  },
});
const agentId = positionals[0];
const key = parseApiKey(process.env['BATON_HUB_KEY']);
if (!agentId || !key) {
  console.error('usage: BATON_HUB_KEY=<keyName>:<secret> npm run revoke-agent -- <agentId> [--rest-url https://main.realtime.ably.net] [--reauth-margin]');
  process.exit(2);
}
const result = await revokeAgentTokens({ restUrl: values['rest-url'], key, agentId, allowReauthMargin: values['reauth-margin'] });
console.log(JSON.stringify(result.body, null, 2));
if (!result.ok) {
  console.error(`revoke-agent: the service answered ${result.status}; ${agentId}'s tokens may still be valid`);
  process.exit(1);
}
console.log(`revoke-agent: every token ${agentId} held is refused from now on; connections using one are cut off.`);
