// The ID-space heatmap: the state array rasterized once per data version into an offscreen
// canvas, then only transformed on zoom/pan (d3-zoom on our own canvas). React draws the chrome.
import { memo, useCallback, useEffect, useId, useMemo, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { select, zoom, zoomIdentity, type ZoomBehavior } from 'd3';
import { dirIndexOf, makeLayout, tableIndexOf, type HeatmapLayout } from './layout';
import { cellKindOf, cssColourOf, paletteFor, voidPixel, type VizTheme } from './palette';
import { RasterCache } from './raster';
import { countKinds } from './summary';
import { drawHeatmap } from './draw';
import { fitCells, fitTransform, idAtPoint, MAX_CELL_PX, panToShow, stepSelection, usedCells, type ViewTransform } from './viewport';
import { KIND_LABELS, LEGEND_KINDS } from './kindLabels';
import { usePrefersReducedMotion } from '../reducedMotion';

export interface HeatmapCanvasProps {
  state: Uint8Array;
  version: number;
  capacity: number;
  /** IDs touched by the current step: pulsed, and patched into the raster when `followsShown`. */
  changedIds?: readonly number[];
  /**
   * The state is the one right after the state shown before (one step forward in the same
   * run), so `changedIds` is all that differs; otherwise (a seek, a step back, a new run) the
   * whole raster is drawn again.
   */
  followsShown?: boolean;
  /** Tooltip lines supplied by the app: set, refs, devices, SPID. */
  describe?: (id: number) => string[];
  selectedId?: number;
  onSelect?: (id: number) => void;
  theme?: VizTheme;
}

const PULSE_MS = 1400;
const KEY_ZOOM_FACTOR = 2;
const FONT_FAMILY = 'ui-monospace, "SF Mono", Menlo, Consolas, monospace';

interface Raster {
  canvas: HTMLCanvasElement;
  ctx: CanvasRenderingContext2D | null;
  image: ImageData | null;
  cache: RasterCache | null;
}

function createRaster(layout: HeatmapLayout): Raster {
  const canvas = document.createElement('canvas');
  canvas.width = layout.cols;
  canvas.height = layout.rows;
  const ctx = canvas.getContext('2d');
  if (!ctx) return { canvas, ctx, image: null, cache: null };
  const image = ctx.createImageData(layout.cols, layout.rows);
  return { canvas, ctx, image, cache: new RasterCache(new Uint32Array(image.data.buffer), layout.capacity) };
}

function describeKind(byte: number): string {
  return KIND_LABELS[cellKindOf(byte)];
}

function HeatmapCanvasImpl(props: HeatmapCanvasProps) {
  const { state, version, capacity, changedIds, followsShown = false, selectedId, theme = 'dark' } = props;
  const { describe } = props;
  const onSelectRef = useRef(props.onSelect);
  useEffect(() => {
    onSelectRef.current = props.onSelect;
  });

  const layout = useMemo(() => makeLayout(capacity), [capacity]);
  const reducedMotion = usePrefersReducedMotion();
  const [internalSelected, setInternalSelected] = useState(-1);
  const selected = selectedId ?? internalSelected;
  const [size, setSize] = useState({ width: 0, height: 0 });
  const [hover, setHover] = useState<{ id: number; x: number; y: number } | null>(null);
  const [cellPx, setCellPx] = useState(0);

  const containerRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const zoomRef = useRef<ZoomBehavior<HTMLCanvasElement, unknown> | null>(null);
  const tRef = useRef<ViewTransform>({ k: 1, x: 0, y: 0 });
  const pulseRef = useRef<{ ids: readonly number[]; start: number }>({ ids: [], start: 0 });
  const frameRef = useRef(0);
  const raster = useMemo(() => createRaster(layout), [layout]);
  const lut = paletteFor(theme);

  // Everything the paint reads lives in one ref so the rAF callback always sees the latest props.
  const paintInputs = useRef({ state, layout, raster, lut, theme, selected, size, reducedMotion });
  useEffect(() => {
    paintInputs.current = { state, layout, raster, lut, theme, selected, size, reducedMotion };
  });

  const requestDraw = useCallback(() => {
    if (frameRef.current) return;
    frameRef.current = requestAnimationFrame(() => {
      frameRef.current = 0;
      const canvas = canvasRef.current;
      const p = paintInputs.current;
      const ctx = canvas?.getContext('2d');
      if (!canvas || !ctx || p.size.width === 0) return;
      const elapsed = performance.now() - pulseRef.current.start;
      const pulsing = pulseRef.current.ids.length > 0;
      const phase = !pulsing ? null : p.reducedMotion ? 1 : Math.min(1, elapsed / PULSE_MS);
      drawHeatmap({
        ctx,
        width: p.size.width,
        height: p.size.height,
        dpr: window.devicePixelRatio || 1,
        t: tRef.current,
        layout: p.layout,
        raster: p.raster.canvas,
        state: p.state,
        lut: p.lut,
        theme: p.theme,
        selectedId: p.selected,
        pulseIds: pulseRef.current.ids,
        // The resting ring stays after the animation so the step's IDs remain marked.
        pulsePhase: phase,
        fontFamily: FONT_FAMILY,
      });
      if (phase !== null && phase < 1) requestDraw();
    });
  }, []);

  useEffect(
    () => () => {
      // Reset too: StrictMode remounts, and a stale frame id would block every later draw.
      cancelAnimationFrame(frameRef.current);
      frameRef.current = 0;
    },
    [],
  );

  // Size the canvas to its box at device resolution.
  useEffect(() => {
    const el = containerRef.current;
    if (!el) return;
    const ro = new ResizeObserver((entries) => {
      const box = entries[0].contentRect;
      setSize({ width: Math.floor(box.width), height: Math.floor(box.height) });
    });
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas || size.width === 0) return;
    const dpr = window.devicePixelRatio || 1;
    canvas.width = Math.round(size.width * dpr);
    canvas.height = Math.round(size.height * dpr);
    requestDraw();
  }, [size, requestDraw]);

  // Re-rasterize only when the data version (or palette) changes; patch after one step forward.
  useEffect(() => {
    const { cache, image, ctx } = raster;
    if (!cache || !image || !ctx) return;
    const dirty = cache.update(state, version, lut, voidPixel(theme), followsShown ? changedIds : undefined);
    if (dirty.kind === 'full') ctx.putImageData(image, 0, 0);
    else if (dirty.kind === 'partial' && dirty.minId <= dirty.maxId) {
      const row0 = Math.floor(dirty.minId / layout.cols);
      const row1 = Math.floor(dirty.maxId / layout.cols);
      ctx.putImageData(image, 0, 0, 0, row0, layout.cols, row1 - row0 + 1);
    }
    requestDraw();
  }, [raster, state, version, lut, theme, changedIds, followsShown, layout, requestDraw]);

  useEffect(() => {
    pulseRef.current = { ids: changedIds ?? [], start: performance.now() };
    requestDraw();
  }, [version, changedIds, requestDraw]);

  useEffect(() => {
    requestDraw();
  }, [selected, theme, reducedMotion, requestDraw]);

  // d3-zoom owns the transform; the canvas is ours, so attaching it here is safe.
  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas || size.width === 0) return;
    const fit = fitTransform(layout, size.width, size.height);
    const behaviour = zoom<HTMLCanvasElement, unknown>()
      .scaleExtent([Math.min(fit.k, MAX_CELL_PX) / 2, MAX_CELL_PX])
      .on('zoom', (event: { transform: ViewTransform }) => {
        tRef.current = { k: event.transform.k, x: event.transform.x, y: event.transform.y };
        requestDraw();
      })
      .on('end', (event: { transform: ViewTransform }) => setCellPx(event.transform.k));
    zoomRef.current = behaviour;
    const sel = select(canvas);
    sel.call(behaviour).on('dblclick.zoom', null);
    sel.call(behaviour.transform, zoomIdentity.translate(fit.x, fit.y).scale(fit.k));
    setCellPx(fit.k);
    return () => {
      sel.on('.zoom', null);
    };
  }, [layout, size, requestDraw]);

  const applyTransform = useCallback((t: ViewTransform) => {
    const canvas = canvasRef.current;
    if (!canvas || !zoomRef.current) return;
    select(canvas).call(zoomRef.current.transform, zoomIdentity.translate(t.x, t.y).scale(t.k));
  }, []);

  const resetView = useCallback(() => {
    applyTransform(fitTransform(layout, size.width, size.height));
  }, [applyTransform, layout, size]);

  // A few live IDs in a million are invisible at the fitted scale: zoom to where they are.
  const zoomToUsed = useCallback(() => {
    const range = usedCells(layout, state);
    if (range) applyTransform(fitCells(layout, range, size.width, size.height));
  }, [applyTransform, layout, state, size]);

  const choose = useCallback(
    (id: number) => {
      if (id < 0) return;
      setInternalSelected(id);
      onSelectRef.current?.(id);
    },
    [],
  );

  const pointAt = (e: PointerEvent<HTMLCanvasElement>) => {
    const box = e.currentTarget.getBoundingClientRect();
    return { x: e.clientX - box.left, y: e.clientY - box.top };
  };

  const onPointerMove = (e: PointerEvent<HTMLCanvasElement>) => {
    const p = pointAt(e);
    const id = idAtPoint(layout, tRef.current, p.x, p.y);
    setHover(id < 0 ? null : { id, x: p.x, y: p.y });
  };

  // Listed for the `?` sheet in keys.ts: a key added here goes there too.
  const onKeyDown = (e: KeyboardEvent<HTMLCanvasElement>) => {
    if (e.key.startsWith('Arrow')) {
      e.preventDefault();
      const next = stepSelection(layout, selected < 0 ? 0 : selected, e.key);
      choose(next);
      applyTransform(panToShow(layout, tRef.current, next, size.width, size.height));
      return;
    }
    const canvas = canvasRef.current;
    if (!canvas || !zoomRef.current) return;
    if (e.key === '+' || e.key === '=') zoomRef.current.scaleBy(select(canvas), KEY_ZOOM_FACTOR);
    else if (e.key === '-') zoomRef.current.scaleBy(select(canvas), 1 / KEY_ZOOM_FACTOR);
    else if (e.key === '0') resetView();
    else if (e.key === 'u') zoomToUsed();
    else return;
    e.preventDefault();
  };

  const counts = useMemo(
    () => countKinds(state, capacity),
    // The array may be mutated in place by the owner; the version says when it did.
    [state, capacity, version],
  );
  const summaryId = useId();
  const hoverLines = hover ? describe?.(hover.id) ?? [] : [];
  const selectedLines = selected >= 0 && selected < capacity ? describe?.(selected) ?? [] : [];
  const fmt = (n: number) => n.toLocaleString('en-US');
  const tooltipLeft = hover && hover.x > size.width - 280;

  return (
    <figure className={`viz viz--${theme} viz-heatmap`} aria-label="ID space heatmap">
      <div className="viz-heatmap__toolbar">
        <span className="viz-heatmap__title">ID space · {fmt(capacity)} IDs</span>
        <span className="viz-heatmap__hint">
          {layout.tablesPerRow > 1 ? `each row = ${layout.tablesPerRow} leaf tables of 64 IDs` : 'each row = one leaf table of 64 IDs'} ·
          scroll to zoom, drag to pan · {cellPx >= 1 ? `${cellPx.toFixed(cellPx < 10 ? 1 : 0)} px per ID` : `${(1 / Math.max(cellPx, 1e-6)).toFixed(1)} IDs per px`}
        </span>
        <button type="button" className="viz-button" onClick={zoomToUsed} disabled={counts.free >= capacity} title="Zoom to the IDs in use (U on the heatmap)">
          Zoom to used
        </button>
        <button type="button" className="viz-button" onClick={resetView} title="Show the whole ID space (0 on the heatmap)">
          Fit
        </button>
      </div>
      <div className="viz-heatmap__stage" ref={containerRef}>
        <canvas
          ref={canvasRef}
          className="viz-heatmap__canvas"
          tabIndex={0}
          aria-label="ID heatmap. Arrow keys move the selection, plus and minus zoom, 0 fits, U zooms to the IDs in use."
          aria-describedby={summaryId}
          style={{ width: size.width, height: size.height }}
          onPointerMove={onPointerMove}
          onPointerLeave={() => setHover(null)}
          onClick={(e) => {
            const p = { x: e.clientX - e.currentTarget.getBoundingClientRect().left, y: e.clientY - e.currentTarget.getBoundingClientRect().top };
            choose(idAtPoint(layout, tRef.current, p.x, p.y));
          }}
          onKeyDown={onKeyDown}
        />
        {hover && (
          <div
            className={`viz-tooltip${tooltipLeft ? ' viz-tooltip--left' : ''}`}
            style={{ left: tooltipLeft ? hover.x - 16 : hover.x + 16, top: Math.min(hover.y + 16, Math.max(0, size.height - 150)) }}
            role="presentation"
          >
            <div className="viz-tooltip__head">
              ID {fmt(hover.id)} <span className="viz-dim">0x{hover.id.toString(16)}</span>
            </div>
            <div>
              {/* VT-d's split of the PASID: bits 19:6 pick the directory entry (the leaf table), 5:0 the entry in it. */}
              dir entry {dirIndexOf(hover.id)} · table entry {tableIndexOf(hover.id)}
            </div>
            <div>{describeKind(state[hover.id])}</div>
            {hoverLines.map((line, i) => (
              <div key={i}>{line}</div>
            ))}
          </div>
        )}
      </div>
      <ul className="viz-legend" aria-label="Heatmap legend">
        {LEGEND_KINDS.map((kind) => {
          const byte = { free: 0, active: 1, 'active-bound': 5, pending: 2, 'pending-bound': 6, stale: 4, invalid: 3 }[kind];
          return (
            <li key={kind} className="viz-legend__item">
              <span className={`viz-swatch viz-swatch--${kind}`} style={{ background: cssColourOf(byte, theme) }} aria-hidden="true" />
              {KIND_LABELS[kind]} <span className="viz-legend__count">{fmt(counts[kind])}</span>
            </li>
          );
        })}
        <li className="viz-legend__item viz-legend__note">hue = set (sid mod 32)</li>
      </ul>
      <div id={summaryId} className="viz-visually-hidden" aria-live="polite">
        <p>
          Heatmap of {fmt(capacity)} IDs: {fmt(counts.active + counts['active-bound'])} active ({fmt(counts['active-bound'])} bound),{' '}
          {fmt(counts.pending + counts['pending-bound'])} free-pending ({fmt(counts['pending-bound'])} still bound), {fmt(counts.stale)} stale entries,{' '}
          {fmt(counts.free)} free.
        </p>
        {selected >= 0 && selected < capacity && (
          <p>
            Selected ID {selected}: dir {dirIndexOf(selected)}, table {tableIndexOf(selected)}, {describeKind(state[selected])}
            {selectedLines.length > 0 ? `; ${selectedLines.join('; ')}` : ''}.
          </p>
        )}
      </div>
    </figure>
  );
}

/** Memoized on its props: pass stable describe/onSelect (useCallback) to skip re-renders between versions. */
export const HeatmapCanvas = memo(HeatmapCanvasImpl);
