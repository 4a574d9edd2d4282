import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';
import { DEFAULT_CRM_MATCHES } from './lib/crm/crm-sites.ts';
import { applySidebarBundle, bundleSidebarPage } from './scripts/bundle-sidebar-page.ts';

// The public half of the development signing key. It only pins the unpacked
// extension's id (jobolockmhjgpbicekbbfdmnnfljnmbk) so tests, policy files and
// CORS allow-lists can name it; the private half is not needed and not kept.
// A store build gets its key from the Chrome Web Store dashboard instead.
const DEV_PUBLIC_KEY =
  'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAvoIPGNhpUuUfJwDVAbtWg5qk5PLeYphNSOITCHLf2U+/nG7qGYQFdh/N4t4YnxI7pFjecDvvL9WxsX8wV9CLLbI38xN20FzEE+ZKm9WYutBkAruXdkLOhXPwn9SsjumyBKjZw9pQZW/M+yEAPcQE4y66THRsPwr9YI2kLd9W77556TP0Y/f6Xlhvu2NQsoM8ws+7pq6hzsFkOSJwhv78u/Winjgp+XprUeh+2mEqZFhPPngLb5HvWxAO6AOhfgRDZiASt67C/A+TxB7AfWbInS83OVpiE4oV3RsXle8aNiyX+QjW5BAEGJ2asnSNGKr4lQq2UK5aKYgjaKA7Fvu8nQIDAQAB';

// webextension-polyfill gives Baton's pages one promise-based `browser` on every
// engine. The content script (in every CRM tab, budget a few KB) and the background
// (budget 180 KB, most of it ably-js) get the native object instead: every API they use
// returns promises natively in Chrome MV3 and Firefox, and neither relies on the
// polyfill's one behavioural extra (promise-returning runtime.onMessage listeners).
const NATIVE_BROWSER = '@wxt-dev/browser';

type Alias = Record<string, string> | Array<{ find: string | RegExp; replacement: string }>;

function useNativeBrowserApi(alias: Alias | undefined): Alias {
  if (Array.isArray(alias)) {
    return alias.map((entry) => (entry.find === 'wxt/browser' ? { ...entry, replacement: NATIVE_BROWSER } : entry));
  }
  return { ...alias, 'wxt/browser': NATIVE_BROWSER };
}

/**
 * Baton's pages bundle both message tables (lib/i18n/translator-for.ts) and parse them before their first render.
 * What a page reads of an entry is its message and its placeholders' content; the translators' descriptions and
 * examples are about 40 % of the tables, so the bundled copy leaves them out (issue 19, sidebar start-up). The
 * files in public/_locales, which the browser reads for the manifest, keep them.
 */
function bundleMessagesOnly() {
  const localeTable = /[\\/]_locales[\\/][^\\/]+[\\/]messages\.json$/;
  return {
    name: 'baton:bundle-messages-only',
    enforce: 'pre' as const,
    transform(code: string, id: string) {
      if (!localeTable.test(id)) return null;
      const table = JSON.parse(code) as Record<string, { message?: unknown; placeholders?: Record<string, { content?: unknown }> }>;
      const kept = Object.fromEntries(
        Object.entries(table).map(([key, { message, placeholders }]) => [
          key,
          placeholders ? { message, placeholders: Object.fromEntries(Object.entries(placeholders).map(([name, { content }]) => [name, { content }])) } : { message },
        ]),
      );
      // Kept as JSON (the bundler makes it an object literal). Tried: `JSON.parse` of a string, which V8 parses
      // faster; the start-up gain was within the bench's noise and the quoted keys took the sidebar page over its
      // 40 KB gzipped budget (docs/architecture.md).
      return { code: JSON.stringify(kept), map: null };
    },
  };
}

export default defineConfig({
  hooks: {
    // Firefox shows an options page that does not open in a tab inside about:addons, a narrow pane; Baton's
    // (sign-in, site access, diagnostics) is a full page, and a tab is what "Open settings" can bring forward.
    'build:manifestGenerated': (wxt, manifest) => {
      if (wxt.config.browser === 'firefox' && manifest.options_ui) manifest.options_ui.open_in_tab = true;
    },
    // The sidebar page as one script and one stylesheet (scripts/bundle-sidebar-page.ts says why); `wxt dev` serves
    // its pages from Vite and keeps them as they are.
    'build:done': (wxt, output) => {
      if (wxt.config.command === 'build') applySidebarBundle(output, bundleSidebarPage(wxt.config.outDir));
    },
    'vite:build:extendConfig': (entrypoints, viteConfig) => {
      if (!entrypoints.every((entrypoint) => entrypoint.type === 'content-script' || entrypoint.type === 'background')) return;
      viteConfig.resolve ??= {};
      viteConfig.resolve.alias = useNativeBrowserApi(viteConfig.resolve.alias as Alias | undefined);
    },
  },
  imports: false,
  manifestVersion: 3,
  modules: ['@wxt-dev/webextension-polyfill'],
  vite: () => ({ plugins: [bundleMessagesOnly(), preact({ devToolsEnabled: false, prefreshEnabled: false })] }),
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    // offscreen: Chrome's only way to play the (optional) incoming-transfer sound.
    // scripting: the sidebar's content script is registered for the policy's own CRM sites.
    permissions: ['storage', 'alarms', 'notifications', 'scripting', ...(browser === 'firefox' ? [] : ['offscreen'])],
    // Admins configure Baton through managed policy (docs/admin/policy.md); Chrome ignores
    // an extension's policy unless the manifest names its schema.
    storage: { managed_schema: 'managed_schema.json' },
    // The demo CRM's API and the local token service live on these hosts; a deployment's
    // CRM and token service come from policy and are granted when the admin sets them.
    host_permissions: DEFAULT_CRM_MATCHES,
    // Any other CRM site is asked for (or granted) only once the policy names it.
    optional_host_permissions: ['https://*/*', 'http://*/*'],
    // Keys Chromium leaves free: it silently assigns no key that clashes with one of its own
    // (Alt+Shift+A, B, N, P, R and X are taken on Linux and Windows). Y for yes; K next to it.
    commands: {
      // No description: Chrome and Firefox label the toolbar button's shortcut themselves.
      _execute_action: { suggested_key: { default: 'Alt+Shift+U' } },
      'open-sidebar': { suggested_key: { default: 'Alt+Shift+O' }, description: '__MSG_commandOpenSidebar__' },
      'accept-newest-transfer': { suggested_key: { default: 'Alt+Shift+Y' }, description: '__MSG_commandAcceptNewest__' },
      'reject-newest-transfer': { suggested_key: { default: 'Alt+Shift+K' }, description: '__MSG_commandRejectNewest__' },
    },
    action: { default_title: '__MSG_extName__' },
    web_accessible_resources: [
      {
        // Every site, because the policy's CRM sites are only known at run time. A page
        // cannot find the frame to embed it: Chrome serves it under a per-session random
        // id (use_dynamic_url), Firefox under a per-install random UUID.
        resources: ['sidebar.html'],
        matches: ['https://*/*', 'http://*/*'],
        ...(browser === 'firefox' ? {} : { use_dynamic_url: true }),
      },
    ],
    ...(browser === 'firefox'
      ? {
          // Firefox's default extension-page CSP adds `upgrade-insecure-requests`, which turns the local hub's
          // ws://127.0.0.1 into wss:// and the token service's http:// into https://, so a local or LAN hub never
          // connects. The same policy without that directive; scripts stay limited to the package's own.
          // https://developer.mozilla.org/docs/Mozilla/Add-ons/WebExtensions/manifest.json/content_security_policy
          content_security_policy: { extension_pages: "script-src 'self'; object-src 'self'" },
          browser_specific_settings: {
            gecko: {
              id: 'baton@baton.example',
              strict_min_version: '128.0',
              // Baton carries agents' and visitors' chat messages to the realtime service.
              // https://extensionworkshop.com/documentation/develop/firefox-builtin-data-consent/
              data_collection_permissions: { required: ['personalCommunications'] },
            },
          },
        }
      : { key: DEV_PUBLIC_KEY, minimum_chrome_version: '116' }),
  }),
});
