// The widget's whole stylesheet, adopted by its shadow root as a constructable stylesheet: nothing is inline, so a
// page's `style-src 'self'` does not block it, the site's CSS cannot reach in and ours cannot leak out.
// Colours follow the site's colour scheme (`prefers-color-scheme`, or `color-scheme` on the host page); motion
// stops under `prefers-reduced-motion`. `--baton-accent`/`--baton-ink` are set on the host through the CSSOM.
export const WIDGET_CSS = `
:host { all: initial; position: fixed; bottom: 20px; right: 20px; z-index: 2147483000; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  --bg: #fff; --fg: #17212b; --muted: #56636f; --line: #d9e1e8; --soft: #eef2f5; --error: #b3261e; --error-bg: #fdecea; color: var(--fg); color-scheme: light dark; }
:host([data-position="bottom-left"]) { right: auto; left: 20px; }
@media (prefers-color-scheme: dark) { :host { --bg: #1c232b; --fg: #e8edf2; --muted: #a9b6c2; --line: #3a4652; --soft: #2a333d; --error: #ffb4ab; --error-bg: #3b1a18; } }
* { box-sizing: border-box; }
[hidden] { display: none !important; }
:focus-visible { outline: 3px solid #2b7fd4; outline-offset: 2px; }
button { font: inherit; cursor: pointer; }
.launcher { position: relative; background: var(--baton-accent); color: var(--baton-ink); border: 0; border-radius: 999px; padding: 13px 22px;
  font-weight: 600; box-shadow: 0 6px 20px rgb(0 0 0 / .25); transition: transform .15s ease; }
.launcher:hover { transform: translateY(-2px); }
.badge { position: absolute; top: -6px; right: -6px; min-width: 22px; height: 22px; padding: 0 6px; border-radius: 11px; background: #b3261e; color: #fff; font-size: 12px; line-height: 22px; text-align: center; }
.panel { width: 370px; max-width: calc(100vw - 32px); height: 560px; max-height: calc(100vh - 40px); display: flex; flex-direction: column;
  background: var(--bg); border-radius: 14px; box-shadow: 0 12px 40px rgb(0 0 0 / .3); overflow: hidden; animation: baton-in .18s ease-out; }
@keyframes baton-in { from { opacity: 0; transform: translateY(12px); } }
@media (prefers-reduced-motion: reduce) { .panel, .launcher { animation: none; transition: none; } .launcher:hover { transform: none; } }
.panel-header { display: flex; align-items: center; gap: 10px; background: var(--baton-accent); color: var(--baton-ink); padding: 10px 12px 10px 16px; }
.panel-header img { width: 28px; height: 28px; border-radius: 6px; object-fit: contain; background: #fff; }
.panel-header h2 { margin: 0; font-size: 1.05rem; flex: 1; }
.icon-button { background: transparent; border: 0; color: inherit; font-size: 1.4rem; line-height: 1; width: 36px; height: 36px; border-radius: 6px; }
.icon-button:hover { background: rgb(127 127 127 / .25); }
.status { margin: 0; padding: 9px 16px; background: var(--soft); font-weight: 600; border-bottom: 1px solid var(--line); }
.status:empty, .notice:empty, .field-error:empty, .away:empty { display: none; }
.notice { margin: 0; padding: 8px 16px; background: var(--error-bg); color: var(--error); }
.away { margin: 0; padding: 8px 16px; background: var(--soft); color: var(--fg); border-bottom: 1px solid var(--line); }
.prechat { padding: 16px; overflow-y: auto; }
.intro { margin: 0 0 12px; color: var(--muted); }
.field { margin-bottom: 12px; }
.field label { display: block; font-weight: 600; margin-bottom: 4px; }
input, select, textarea { width: 100%; font: inherit; padding: 8px 10px; border: 1px solid #8a98a6; border-radius: 8px; background: var(--bg); color: var(--fg); }
[aria-invalid="true"] { border-color: var(--error); }
.field-error { color: var(--error); margin: 4px 0 0; font-size: .87rem; }
.primary { background: var(--baton-accent); color: var(--baton-ink); border: 0; border-radius: 8px; padding: 9px 16px; font-weight: 600; }
.link-button { background: none; border: 0; color: var(--muted); text-decoration: underline; padding: 4px; }
.chat { flex: 1; display: flex; flex-direction: column; min-height: 0; }
.transcript { flex: 1; overflow-y: auto; padding: 12px 16px; }
.lines { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; gap: 10px; }
.line { max-width: 85%; }
.line.mine { align-self: flex-end; text-align: right; }
.line.event { align-self: center; max-width: 100%; color: var(--muted); font-size: .87rem; font-style: italic; }
.author { font-size: .8rem; font-weight: 600; color: var(--muted); margin-right: 6px; }
time { font-size: .78rem; color: var(--muted); }
.text { margin: 2px 0 0; padding: 8px 12px; border-radius: 14px; white-space: pre-wrap; overflow-wrap: anywhere; text-align: left; }
.theirs .text { background: var(--soft); border-top-left-radius: 4px; }
.mine .text { background: var(--baton-accent); color: var(--baton-ink); border-top-right-radius: 4px; }
.typing { margin: 0; padding: 0 16px; min-height: 1.5em; font-size: .87rem; color: var(--muted); font-style: italic; }
.composer { display: flex; gap: 8px; padding: 8px 16px; border-top: 1px solid var(--line); align-items: flex-end; }
textarea { resize: none; }
.chat-actions { padding: 0 16px 10px; text-align: right; }
.ended { padding: 12px 16px 16px; border-top: 1px solid var(--line); text-align: center; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
`;
