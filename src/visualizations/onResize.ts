// Calling back when an element's box changes size: once before the first paint (a layout
// effect, so nothing is drawn at a guessed size) and on every ResizeObserver report after.
import { useLayoutEffect, type RefObject } from 'react';

/** `onResize` should be stable (useCallback): a new function re-attaches the observer. */
export function useOnResize(ref: RefObject<HTMLElement | null>, onResize: () => void): void {
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    onResize();
    if (typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(() => onResize());
    ro.observe(el);
    return () => ro.disconnect();
  }, [ref, onResize]);
}
