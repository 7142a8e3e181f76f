// The player's glyphs as inline SVG (font glyphs for ⏮ ⏭ differ per system, some lack them).

const PATHS: Record<string, string> = {
  start: 'M5 4h2v16H5zM20 4v16L8 12z',
  back: 'M18 4v16L6 12zM4 4h2v16H4z',
  play: 'M7 4v16l13-8z',
  pause: 'M6 4h4v16H6zM14 4h4v16h-4z',
  forward: 'M6 4v16l12-8zM18 4h2v16h-2z',
  end: 'M4 4v16l12-8zM17 4h2v16h-2z',
  bpPrev: 'M3 4h2v16H3zM21 12a5 5 0 1 1-10 0a5 5 0 0 1 10 0zM11 12l-4-3v6z',
  bpNext: 'M19 4h2v16h-2zM13 12a5 5 0 1 1-10 0a5 5 0 0 1 10 0zM13 12l4-3v6z',
};

export type IconName = keyof typeof PATHS;

export function Icon({ name }: { name: IconName }) {
  return (
    <svg className="icon" viewBox="0 0 24 24" width="1em" height="1em" aria-hidden="true" focusable="false">
      <path d={PATHS[name]} fill="currentColor" />
    </svg>
  );
}
