import { ensureChromium } from '../../../scripts/chromium.ts';

// The e2e suite needs a real Chromium; find it (or install Debian's, as root) up front
// so a missing browser is one clear message rather than a failure in every test.
export default function globalSetup(): void {
  ensureChromium();
}
