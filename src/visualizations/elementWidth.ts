// The content width of an element, tracked with ResizeObserver, so scales range over real pixels.
import { useLayoutEffect, useState, type RefObject } from 'react';

export function useElementWidth(ref: RefObject<HTMLElement | null>, fallbackPx: number): number {
  const [width, setWidth] = useState(fallbackPx);
  // Measured before the first paint too: ResizeObserver reports after it, and the first frame
  // would draw at the fallback width (bars running into the numbers beside them).
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const now = Math.floor(el.clientWidth);
    if (now > 0) setWidth(now);
    if (typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver((entries) => {
      const w = Math.floor(entries[0].contentRect.width);
      if (w > 0) setWidth(w);
    });
    ro.observe(el);
    return () => ro.disconnect();
  }, [ref]);
  return width;
}
