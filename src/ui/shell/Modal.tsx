// A modal dialog: labelled, closes on Escape or the backdrop, takes focus when it opens and
// gives it back when it closes, and keeps Tab inside it. Escape works even when focus fell out
// of it (a focused button that was disabled or removed, like Cancel once a search stops,
// leaves focus on the page body).

import { useEffect, useRef, type KeyboardEvent as ReactKeyboardEvent, type ReactNode } from 'react';

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/** Whether `dialog` is the top dialog (the last opened is the last in the document). */
function isTopmost(dialog: HTMLElement): boolean {
  const all = document.querySelectorAll('.modal');
  return all[all.length - 1] === dialog;
}

/** Tab past the last control goes to the first, Shift+Tab before the first to the last. */
function wrapTab(e: ReactKeyboardEvent, dialog: HTMLElement): void {
  const items = [...dialog.querySelectorAll<HTMLElement>(FOCUSABLE)];
  if (items.length === 0) {
    e.preventDefault();
    return;
  }
  const active = document.activeElement;
  if (e.shiftKey && (active === items[0] || active === dialog)) {
    e.preventDefault();
    items[items.length - 1].focus();
  } else if (!e.shiftKey && active === items[items.length - 1]) {
    e.preventDefault();
    items[0].focus();
  }
}

export function Modal({ title, onClose, children, wide }: { title: string; onClose: () => void; children: ReactNode; wide?: boolean | 'extra' }) {
  const ref = useRef<HTMLDivElement>(null);
  const closeRef = useRef(onClose);
  closeRef.current = onClose;
  useEffect(() => {
    const before = document.activeElement as HTMLElement | null;
    ref.current?.focus();
    return () => before?.focus?.();
  }, []);
  useEffect(() => {
    // Keys while focus is outside every dialog (on the body): the dialog's own handler below
    // does not see them.
    const strayKey = (e: KeyboardEvent) => {
      const dialog = ref.current;
      if (!dialog || !isTopmost(dialog) || (document.activeElement as HTMLElement | null)?.closest('[role="dialog"]')) return;
      if (e.key === 'Escape') closeRef.current();
      else if (e.key === 'Tab') {
        e.preventDefault();
        dialog.focus();
      }
    };
    document.addEventListener('keydown', strayKey);
    return () => document.removeEventListener('keydown', strayKey);
  }, []);
  return (
    <div className="modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div
        ref={ref}
        className={`modal${wide ? ' modal--wide' : ''}${wide === 'extra' ? ' modal--extra-wide' : ''}`}
        role="dialog"
        aria-modal="true"
        aria-label={title}
        tabIndex={-1}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.stopPropagation();
            onClose();
          } else if (e.key === 'Tab' && ref.current) wrapTab(e, ref.current);
        }}
      >
        <header className="modal__head">
          <h2>{title}</h2>
          <button type="button" className="btn btn--icon" aria-label="Close" title="Close (Esc)" onClick={onClose}>
            ✕
          </button>
        </header>
        <div className="modal__body">{children}</div>
      </div>
    </div>
  );
}
