// `node scripts/render-icons.ts`: renders Baton's mark (components/baton-mark.tsx, same
// drawing) to the PNG sizes browsers ask for. Run after changing the mark; the PNGs are committed.
import { chromium } from '@playwright/test';
import { ensureChromium } from './chromium.ts';

const MARK = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24">
  <rect x="2" y="2" width="20" height="20" rx="6" fill="#1f6feb"/>
  <rect x="6.5" y="10.5" width="11" height="3" rx="1.5" fill="#fff" transform="rotate(-30 12 12)"/>
  <path d="M6 16.5a7 7 0 0 1 2-9" stroke="#cfe1ff" stroke-width="1.6" fill="none" stroke-linecap="round"/>
  <path d="M18 7.5a7 7 0 0 1-2 9" stroke="#cfe1ff" stroke-width="1.6" fill="none" stroke-linecap="round"/>
</svg>`;

const browser = await chromium.launch({ executablePath: ensureChromium(), headless: true });
for (const size of [16, 32, 48, 64, 96, 128]) {
  const page = await browser.newPage({ viewport: { width: size, height: size } });
  await page.setContent(`<style>html,body{margin:0;background:transparent}svg{display:block;width:${size}px;height:${size}px}</style>${MARK}`);
  await page.screenshot({ path: `public/icon/${size}.png`, omitBackground: true });
  await page.close();
}
await browser.close();
console.log('Icons written to public/icon/');
