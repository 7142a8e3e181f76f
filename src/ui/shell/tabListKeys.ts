// The keys of a WAI-ARIA tab list: arrows move to the next or previous tab (wrapping), Home
// and End to the first and last; the tab moved to is selected and focused. Only the selected
// tab is in the tab order (tabIndex 0, the others -1), so Tab leaves the list.
import type { KeyboardEvent } from 'react';

/** For a tab list's onKeyDown: calls `select` with the index of the tab to select. */
export function onTabListKey(e: KeyboardEvent<HTMLElement>, select: (index: number) => void): void {
  // Alt+← is the browser's Back, Ctrl+Home the page's: only the bare keys move between tabs.
  if (e.ctrlKey || e.metaKey || e.altKey || e.shiftKey) return;
  const tabs = [...e.currentTarget.querySelectorAll<HTMLElement>('[role="tab"]')];
  if (tabs.length === 0) return;
  const i = Math.max(0, tabs.findIndex((t) => t.getAttribute('aria-selected') === 'true'));
  let next = -1;
  if (e.key === 'ArrowRight' || e.key === 'ArrowDown') next = (i + 1) % tabs.length;
  else if (e.key === 'ArrowLeft' || e.key === 'ArrowUp') next = (i - 1 + tabs.length) % tabs.length;
  else if (e.key === 'Home') next = 0;
  else if (e.key === 'End') next = tabs.length - 1;
  if (next < 0) return;
  // Taken here: the player's arrow keys do not step while a tab list has focus.
  e.preventDefault();
  select(next);
  tabs[next].focus();
}
