// A button bound to a command: its tooltip shows the shortcut, its disabled state follows the
// command's `enabled`, and clicking runs exactly what the hotkey runs.

import type { ReactNode } from 'react';
import { formatKey, tooltipOf } from './registry';
import { useCommand } from './CommandsContext';

export function CommandButton({ id, children, className, pressed, label }: { id: string; children: ReactNode; className?: string; pressed?: boolean; label?: string }) {
  const { command, enabled } = useCommand(id);
  return (
    <button
      type="button"
      className={className ?? 'btn'}
      title={tooltipOf(command)}
      aria-label={label ?? command.title}
      aria-keyshortcuts={command.key ? formatKey(command.key) : undefined}
      aria-pressed={pressed}
      disabled={!enabled}
      data-command={command.id}
      onClick={() => command.run()}
    >
      {children}
    </button>
  );
}
