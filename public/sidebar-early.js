globalThis.batonEarlyPreferences = (globalThis.browser ?? globalThis.chrome).storage.local.get(['shownLanguage', 'language', 'agentStatus', 'sidebarCollapsed']);
