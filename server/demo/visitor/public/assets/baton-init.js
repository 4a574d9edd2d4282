// The demo's "settings in code" page (/visit/code.html): the widget's tag has no data-* settings, so it waits for
// Baton.init. A file, not an inline script, because the site's CSP allows no inline script.
const widget = document.querySelector('script[src$="/widget/baton-widget.js"]');
const baton = new URL(widget.src).origin;
window.Baton.init({
  tokenService: baton,
  realtime: baton.replace(/^http/, 'ws'),
  brand: 'Nordlys Code Support',
  accent: '#5b2a86',
  position: 'bottom-left',
  language: 'da',
  fields: ['name'],
  showAgentName: false,
  awayAfterSeconds: 0,
  awayMessage: 'Vi har lukket nu. Skriv alligevel, så svarer vi i morgen.',
});
document.getElementById('open-chat').addEventListener('click', () => window.Baton.open());
