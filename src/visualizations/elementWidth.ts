// The content width of an element, tracked as it resizes, so scales range over real pixels.
import { useCallback, useState, type RefObject } from 'react';
import { useOnResize } from './onResize';

export function useElementWidth(ref: RefObject<HTMLElement | null>, fallbackPx: number): number {
  const [width, setWidth] = useState(fallbackPx);
  // Measured before the first paint too (useOnResize), or the first frame would draw at the
  // fallback width (bars running into the numbers beside them). A hidden element keeps the last.
  const measure = useCallback(() => {
    // The measured elements have no padding or border: their box is their content.
    const w = Math.floor(ref.current?.getBoundingClientRect().width ?? 0);
    if (w > 0) setWidth(w);
  }, [ref]);
  useOnResize(ref, measure);
  return width;
}
