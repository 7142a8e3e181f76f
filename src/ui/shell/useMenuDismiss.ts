// A <details> menu closes as menus do: on Escape (focus back on its summary) and on a press
// anywhere outside it. A bare <details> stays open over the page until its summary is
// clicked again, even under a dialog opened on top.
import { useEffect, useRef, type KeyboardEvent } from 'react';

/** Returns the ref for the <details>, its onKeyDown and a `close` for items that act. */
export function useMenuDismiss(): { ref: React.RefObject<HTMLDetailsElement | null>; onKeyDown: (e: KeyboardEvent) => void; close: () => void } {
  const ref = useRef<HTMLDetailsElement>(null);
  const close = () => ref.current?.removeAttribute('open');
  useEffect(() => {
    const onPointerDown = (e: PointerEvent) => {
      const el = ref.current;
      if (el?.open && e.target instanceof Node && !el.contains(e.target)) el.removeAttribute('open');
    };
    document.addEventListener('pointerdown', onPointerDown, true);
    return () => document.removeEventListener('pointerdown', onPointerDown, true);
  }, []);
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key !== 'Escape' || !ref.current?.open) return;
    // Taken here: Escape would also leave whatever else listens for it.
    e.preventDefault();
    close();
    ref.current.querySelector('summary')?.focus();
  };
  return { ref, onKeyDown, close };
}
