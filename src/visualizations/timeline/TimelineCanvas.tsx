// The notifier timeline: who published which event at which step, and which subscriber got it in
// which context. Canvas drawn in effects (not in render); d3-zoom rescales the step axis.
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import { select, zoom, zoomIdentity, type ZoomBehavior, type ZoomTransform } from 'd3';
import type { TraceDelivery, TraceViolation } from '../../engine/trace';
import { buildTimeline, stepAlongLane, type TimelineStep } from './model';
import { baseStepScale, canvasHeight, hitTest, laneAt, markPositions, markX, stepAt, type TimelineGeometry } from './geometry';
import { drawTimeline, type TimelineColours } from './draw';
import { MarkDetails } from './MarkDetails';
import { TimelineLegend } from './TimelineLegend';
import { DeliveryTable } from './DeliveryTable';
import { useElementWidth } from '../elementWidth';
import { stepNumber } from '../../engine/run/stepNumber';

export interface TimelineCanvasProps {
  steps: TimelineStep[];
  deliveries: TraceDelivery[];
  violations: TraceViolation[];
  /** The step cursor: later steps are drawn dimmed. */
  current: number;
  onSelectStep?: (step: number) => void;
  theme?: 'light' | 'dark';
}

const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
const MAX_ZOOM = 60;

function readColours(el: HTMLElement | null, dark: boolean): TimelineColours {
  const css = el ? getComputedStyle(el) : null;
  const v = (name: string, fallback: string) => css?.getPropertyValue(name).trim() || fallback;
  return {
    bg: v('--viz-bg', dark ? '#0f131a' : '#ffffff'),
    fg: v('--viz-fg', dark ? '#e8ecf2' : '#11151c'),
    muted: v('--viz-muted', dark ? '#8a94a6' : '#5b6472'),
    band: v('--viz-band', dark ? '#161b24' : '#f4f6f9'),
    accent: v('--viz-accent', dark ? '#ffd23f' : '#1f5fd6'),
    dark,
  };
}

export function TimelineCanvas({ steps, deliveries, violations, current, onSelectStep, theme = 'dark' }: TimelineCanvasProps) {
  const timeline = useMemo(() => buildTimeline(steps, deliveries, violations), [steps, deliveries, violations]);
  const rootRef = useRef<HTMLElement>(null);
  const stageRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const width = useElementWidth(stageRef, 800);
  const [fontSizePx, setFontSizePx] = useState(14);
  const [colours, setColours] = useState<TimelineColours>(() => readColours(null, theme === 'dark'));
  const [selectedMark, setSelectedMark] = useState(-1);
  const [selectedLane, setSelectedLane] = useState(-1);
  const [hover, setHover] = useState<{ mark: number; x: number; y: number } | null>(null);
  const [showTable, setShowTable] = useState(false);
  const [zoomT, setZoomT] = useState<ZoomTransform>(zoomIdentity);
  const zoomRef = useRef<ZoomBehavior<HTMLCanvasElement, unknown> | null>(null);

  // Theme and type size come from CSS, so the app's dark and projector modes reach the canvas.
  useEffect(() => {
    const el = rootRef.current;
    if (!el) return;
    setColours(readColours(el, theme === 'dark'));
    setFontSizePx(parseFloat(getComputedStyle(el).fontSize) || 14);
  }, [theme, width]);

  // A new trace invalidates mark indices.
  useEffect(() => {
    setSelectedMark(-1);
    setHover(null);
  }, [timeline]);

  // The details of a chosen mark and the table sit below the lanes, often below the fold of
  // the centre pane (a 720-pixel screen): bring what was asked for into view.
  useEffect(() => {
    if (selectedMark >= 0) rootRef.current?.querySelector<HTMLElement>('.viz-details')?.scrollIntoView?.({ block: 'nearest' });
  }, [selectedMark]);
  useEffect(() => {
    if (showTable) rootRef.current?.querySelector<HTMLElement>('.viz-table-wrap')?.scrollIntoView?.({ block: 'nearest' });
  }, [showTable]);

  const g: TimelineGeometry = useMemo(
    () => ({ gutterPx: Math.round(fontSizePx * 10.5), axisPx: Math.round(fontSizePx * 2.2), laneHeightPx: Math.round(fontSizePx * 2.6), width }),
    [fontSizePx, width],
  );
  const height = canvasHeight(timeline, g);
  const base = useMemo(() => baseStepScale(timeline, g), [timeline, g]);
  const x = useMemo(() => zoomT.rescaleX(base), [zoomT, base]);
  const pos = useMemo(() => markPositions(timeline, g, x), [timeline, g, x]);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const behaviour = zoom<HTMLCanvasElement, unknown>()
      .scaleExtent([1, MAX_ZOOM])
      .extent([
        [g.gutterPx, 0],
        [g.width, height],
      ])
      .translateExtent([
        [g.gutterPx, -Infinity],
        [g.width, Infinity],
      ])
      .on('zoom', (event: { transform: ZoomTransform }) => setZoomT(event.transform));
    zoomRef.current = behaviour;
    const sel = select(canvas);
    sel.call(behaviour).on('dblclick.zoom', null);
    return () => {
      sel.on('.zoom', null);
    };
  }, [g, height]);

  // Draw outside render, whenever anything drawn changes.
  useEffect(() => {
    const canvas = canvasRef.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    const dpr = window.devicePixelRatio || 1;
    if (canvas.width !== Math.round(width * dpr) || canvas.height !== Math.round(height * dpr)) {
      canvas.width = Math.round(width * dpr);
      canvas.height = Math.round(height * dpr);
    }
    const id = requestAnimationFrame(() =>
      drawTimeline({
        ctx,
        width,
        height,
        dpr,
        timeline,
        g,
        x,
        pos,
        current,
        selectedMark,
        hoverMark: hover?.mark ?? -1,
        selectedLane,
        colours,
        font: FONT,
        fontSizePx: Math.round(fontSizePx * 0.92),
      }),
    );
    return () => cancelAnimationFrame(id);
  }, [timeline, g, x, pos, width, height, current, selectedMark, selectedLane, hover, colours, fontSizePx]);

  const selectMark = useCallback(
    (i: number) => {
      setSelectedMark(i);
      if (i < 0) return;
      const m = timeline.marks[i];
      setSelectedLane(m.lane);
      onSelectStep?.(m.step);
      // Keep a mark chosen from the keyboard on screen.
      const mx = markX(m, x);
      const canvas = canvasRef.current;
      if (canvas && zoomRef.current && (mx < g.gutterPx + 20 || mx > g.width - 20)) {
        zoomRef.current.translateBy(select(canvas), ((g.gutterPx + g.width) / 2 - mx) / zoomT.k, 0);
      }
    },
    [timeline, onSelectStep, x, g, zoomT],
  );

  const local = (e: MouseEvent<HTMLCanvasElement>) => {
    const box = e.currentTarget.getBoundingClientRect();
    return { px: e.clientX - box.left, py: e.clientY - box.top };
  };

  const onClick = (e: MouseEvent<HTMLCanvasElement>) => {
    const { px, py } = local(e);
    const hit = hitTest(pos, px, py);
    if (hit >= 0) {
      selectMark(hit);
      return;
    }
    const lane = laneAt(timeline, g, py);
    if (lane >= 0) setSelectedLane(lane);
    if (px >= g.gutterPx) onSelectStep?.(stepAt(timeline, x, px));
  };

  // Listed for the `?` sheet in keys.ts: a key added here goes there too.
  const onKeyDown = (e: KeyboardEvent<HTMLCanvasElement>) => {
    const key = e.code || e.key;
    const lane = selectedLane >= 0 ? selectedLane : timeline.lanes.findIndex((l) => l.kind === 'subscriber');
    if (key === 'Period' || key === 'Comma' || e.key === '.' || e.key === ',') {
      const dir = key === 'Period' || e.key === '.' ? 1 : -1;
      const from = selectedMark >= 0 && timeline.marks[selectedMark].lane === lane ? { mark: selectedMark, step: current } : { step: current };
      const next = lane >= 0 ? stepAlongLane(timeline, lane, from, dir) : undefined;
      if (next !== undefined) selectMark(next);
    } else if (key === 'ArrowUp' || key === 'ArrowDown') {
      const n = timeline.lanes.length;
      setSelectedLane(Math.max(0, Math.min(n - 1, (lane < 0 ? 0 : lane) + (key === 'ArrowUp' ? -1 : 1))));
    } else if (key === 'ArrowLeft' || key === 'ArrowRight') {
      onSelectStep?.(Math.max(timeline.minStep, Math.min(timeline.maxStep, current + (key === 'ArrowLeft' ? -1 : 1))));
    } else if (key === 'Escape') {
      setSelectedMark(-1);
    } else return;
    e.preventDefault();
  };

  const hovered = hover ? timeline.marks[hover.mark] : undefined;
  const hoverStep = hovered ? timeline.stepByIndex.get(hovered.step) : undefined;
  const selected = selectedMark >= 0 ? timeline.marks[selectedMark] : undefined;

  return (
    <figure className={`viz viz--${theme} viz-timeline`} ref={rootRef} aria-label="Notifier timeline">
      <div className="viz-quota__head">
        <span className="viz-heatmap__title">Notifier timeline</span>
        <span className="viz-heatmap__hint">scroll to zoom steps · click a mark · focus, then <kbd>.</kbd> and <kbd>,</kbd> walk the lane</span>
        <button type="button" className="viz-button" onClick={() => canvasRef.current && zoomRef.current?.transform(select(canvasRef.current), zoomIdentity)}>
          Fit
        </button>
        <button type="button" className="viz-button" aria-pressed={showTable} onClick={() => setShowTable((v) => !v)}>
          {showTable ? 'Hide table' : 'Table'}
        </button>
      </div>
      <div className="viz-timeline__stage" ref={stageRef}>
        <canvas
          ref={canvasRef}
          className="viz-timeline__canvas"
          style={{ width, height }}
          tabIndex={0}
          aria-label="Notifier timeline. Period and comma move between deliveries on the selected lane; up and down change lane; left and right move the step."
          onClick={onClick}
          onKeyDown={onKeyDown}
          onMouseMove={(e) => {
            const { px, py } = local(e);
            const hit = hitTest(pos, px, py);
            setHover(hit >= 0 ? { mark: hit, x: px, y: py } : null);
          }}
          onMouseLeave={() => setHover(null)}
        />
        {hover && hovered && (
          <div
            className={`viz-tooltip${hover.x > width - 300 ? ' viz-tooltip--left' : ''}`}
            style={{ left: hover.x > width - 300 ? hover.x - 14 : hover.x + 14, top: hover.y + 14 }}
            role="presentation"
          >
            <div className="viz-tooltip__head">
              step {stepNumber(hovered.step)}
              {hoverStep ? ` · line ${hoverStep.line} · ${hoverStep.thread}` : ''}
            </div>
            {hoverStep && <div className="viz-mono">{hoverStep.text}</div>}
            {hovered.delivery && (
              <div>
                {hovered.delivery.event} ID {hovered.delivery.id} → {hovered.delivery.subscriber} ({hovered.delivery.context}) {hovered.delivery.reply}
              </div>
            )}
            {hovered.kind === 'publish' && <div>publishes {hovered.event}</div>}
            {hovered.violation && <div className="viz-warn">{hovered.violation.kind}: {hovered.violation.message}</div>}
          </div>
        )}
      </div>
      <TimelineLegend theme={theme} />
      <MarkDetails mark={selected} step={selected ? timeline.stepByIndex.get(selected.step) : undefined} />
      <DeliveryTable visible={showTable} deliveries={deliveries} violations={violations} steps={timeline.stepByIndex} current={current} />
    </figure>
  );
}
