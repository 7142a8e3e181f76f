// Legend of the timeline: event colour + shape, context fill style, violations, cursor.
import { EVENT_NAMES, type ContextName } from '../../engine/trace';
import { CONTEXT_STYLE, EVENT_COLOURS, EVENT_COLOURS_DARK, EVENT_SHAPES, VIOLATION_COLOUR, type MarkShape } from './eventStyle';

const SIZE_PX = 16;

function Glyph({ shape, colour, filled, dashed }: { shape: MarkShape | 'violation'; colour: string; filled: boolean; dashed?: boolean }) {
  const c = SIZE_PX / 2;
  const r = 5.5;
  const common = {
    fill: filled ? colour : 'var(--viz-bg)',
    stroke: colour,
    strokeWidth: 2,
    strokeDasharray: dashed ? '3 2' : undefined,
  };
  let node;
  if (shape === 'circle') node = <circle cx={c} cy={c} r={r} {...common} />;
  else if (shape === 'square') node = <rect x={c - r * 0.85} y={c - r * 0.85} width={r * 1.7} height={r * 1.7} {...common} />;
  else if (shape === 'triangle-up') node = <polygon points={`${c},${c - r * 1.1} ${c + r},${c + r * 0.75} ${c - r},${c + r * 0.75}`} {...common} />;
  else if (shape === 'triangle-down') node = <polygon points={`${c},${c + r * 1.1} ${c + r},${c - r * 0.75} ${c - r},${c - r * 0.75}`} {...common} />;
  else node = <polygon points={`${c},${c - 7} ${c + 7},${c + 5.5} ${c - 7},${c + 5.5}`} fill={VIOLATION_COLOUR} />;
  return (
    <svg width={SIZE_PX} height={SIZE_PX} className="viz-glyph" aria-hidden="true">
      {node}
    </svg>
  );
}

export function TimelineLegend({ theme }: { theme: 'light' | 'dark' }) {
  const colours = theme === 'dark' ? EVENT_COLOURS_DARK : EVENT_COLOURS;
  const contexts: ContextName[] = ['atomic', 'task', 'work'];
  return (
    <ul className="viz-legend" aria-label="Timeline legend">
      {EVENT_NAMES.map((e) => (
        <li key={e} className="viz-legend__item">
          <Glyph shape={EVENT_SHAPES[e]} colour={colours[e]} filled />
          {e}
        </li>
      ))}
      {contexts.map((c) => (
        <li key={c} className="viz-legend__item">
          <Glyph shape="circle" colour="var(--viz-fg)" filled={CONTEXT_STYLE[c].filled} dashed={CONTEXT_STYLE[c].dashed} />
          {CONTEXT_STYLE[c].label}
        </li>
      ))}
      <li className="viz-legend__item">
        <Glyph shape="violation" colour={VIOLATION_COLOUR} filled />
        violation
      </li>
      <li className="viz-legend__item viz-legend__note">lines: publisher → deliveries · after the cursor = future (dimmed)</li>
    </ul>
  );
}
