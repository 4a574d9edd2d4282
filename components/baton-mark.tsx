/** Baton's mark: a relay baton passing between two hands, drawn as two arcs and a bar. */
export function BatonMark({ size = 24 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <rect x="2" y="2" width="20" height="20" rx="6" fill="#1f6feb" />
      <rect x="6.5" y="10.5" width="11" height="3" rx="1.5" fill="#fff" transform="rotate(-30 12 12)" />
      <path d="M6 16.5a7 7 0 0 1 2-9" stroke="#cfe1ff" stroke-width="1.6" fill="none" stroke-linecap="round" />
      <path d="M18 7.5a7 7 0 0 1-2 9" stroke="#cfe1ff" stroke-width="1.6" fill="none" stroke-linecap="round" />
    </svg>
  );
}
