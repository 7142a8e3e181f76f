// Hands the command registry and the actions to components, and installs the one global
// hotkey listener. useCommand re-renders only when that command's enabled flag flips.

import { createContext, useContext, useEffect, useMemo, type ReactNode } from 'react';
import type { LabActions } from '../session/actions';
import { useLab } from '../store/labStore';
import { buildCommands } from './appCommands';
import { commandForEvent, type Command } from './registry';

interface CommandsValue {
  commands: Command[];
  byId: Map<string, Command>;
  actions: LabActions;
}

const CommandsCtx = createContext<CommandsValue | null>(null);

/** Keys that move focus (Tab, and the arrows, Home and End in tab lists). */
const NAVIGATION_KEYS = new Set(['Tab', 'ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Home', 'End']);

export function CommandsProvider({ actions, children }: { actions: LabActions; children: ReactNode }) {
  const value = useMemo(() => {
    const commands = buildCommands(actions);
    return { commands, byId: new Map(commands.map((c) => [c.id, c])), actions };
  }, [actions]);
  useEffect(() => {
    /**
     * The element that last took focus from a pointer press (see controlOwnsKey). Focus moved
     * by a navigation key clears it; focus moved by the page (a dialog giving it back to the
     * button that opened it) leaves it as it was.
     */
    let pointerFocused: EventTarget | null = null;
    let pointerDown = false;
    let keyNavigated = false;
    const onPointerDown = () => {
      pointerDown = true;
      keyNavigated = false;
    };
    const onPointerUp = () => (pointerDown = false);
    const onFocusIn = (e: FocusEvent) => {
      if (pointerDown) pointerFocused = e.target;
      else if (keyNavigated) pointerFocused = null;
    };
    const onKeyNav = (e: KeyboardEvent) => {
      if (NAVIGATION_KEYS.has(e.key)) keyNavigated = true;
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.repeat && e.code === 'Space') return;
      const c = commandForEvent(value.commands, e, e.target === pointerFocused);
      if (!c) return;
      // A modal takes its own keys; only its toggle passes through.
      const dialog = useLab.getState().dialog;
      if (dialog && c.id !== 'view.shortcuts' && c.id !== 'bp.menu') return;
      if (c.enabled && !c.enabled(useLab.getState())) return;
      e.preventDefault();
      c.run();
    };
    window.addEventListener('keydown', onKeyNav, true);
    window.addEventListener('pointerdown', onPointerDown, true);
    window.addEventListener('pointerup', onPointerUp, true);
    window.addEventListener('focusin', onFocusIn);
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('keydown', onKeyNav, true);
      window.removeEventListener('pointerdown', onPointerDown, true);
      window.removeEventListener('pointerup', onPointerUp, true);
      window.removeEventListener('focusin', onFocusIn);
      window.removeEventListener('keydown', onKey);
    };
  }, [value]);
  return <CommandsCtx.Provider value={value}>{children}</CommandsCtx.Provider>;
}

function useCommands(): CommandsValue {
  const v = useContext(CommandsCtx);
  if (!v) throw new Error('useCommands outside CommandsProvider');
  return v;
}

export function useActions(): LabActions {
  return useCommands().actions;
}

export function useCommandList(): Command[] {
  return useCommands().commands;
}

export function useCommand(id: string): { command: Command; enabled: boolean } {
  const command = useCommands().byId.get(id);
  if (!command) throw new Error(`unknown command ${id}`);
  const enabled = useLab((s) => (command.enabled ? command.enabled(s) : true));
  return { command, enabled };
}
