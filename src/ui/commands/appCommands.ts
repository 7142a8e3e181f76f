// Every user action of the app as a command (the one registry). Buttons, hotkeys, tooltips
// and the `?` sheet all read this list; the actions themselves live in LabActions.

import type { LabActions } from '../session/actions';
import { useLab, type CentreTab, type LabState } from '../store/labStore';
import type { Command } from './registry';
import { requestExplore } from '../explore/exploreStore';
import { frameCache } from '../store/frameCache';

const hasSession = (s: LabState) => s.stepCount > 0 && s.status !== 'loading';
const set = (patch: Partial<LabState>) => useLab.setState(patch);
const focusById = (id: string) => () => document.getElementById(id)?.focus();

/** The 1-based line of the caret, when the editor has focus. */
function caretLine(): number | undefined {
  const el = document.activeElement;
  if (!(el instanceof HTMLTextAreaElement) || el.id !== 'scenario-editor') return undefined;
  return el.value.slice(0, el.selectionStart).split('\n').length;
}

/** The line of the step the player shows, if any. */
function currentStepLine(): number | undefined {
  return useLab.getState().position > 0 ? frameCache.snapshot?.current?.line : undefined;
}

function tab(id: string, title: string, digit: number, centreTab: CentreTab): Command {
  return { id, title, group: 'View', key: { code: `Digit${digit}` }, run: () => set({ centreTab }) };
}

export function buildCommands(a: LabActions): Command[] {
  return [
    { id: 'scenario.run', title: 'Run the editor text', group: 'Scenario', key: { code: 'Enter', ctrl: true }, inEditable: true, run: () => a.run(), enabled: (s) => s.status !== 'loading' },
    {
      id: 'scenario.focusEditor',
      title: 'Focus the editor',
      group: 'Scenario',
      key: { code: 'KeyE' },
      run: () => {
        // Projector mode showing the inspectors in its place: bring the editor back first.
        if (useLab.getState().projector && useLab.getState().projectorSide === 'inspectors') {
          set({ projectorSide: 'editor' });
          requestAnimationFrame(focusById('scenario-editor'));
        } else focusById('scenario-editor')();
      },
    },
    {
      id: 'scenario.focusConsole',
      title: 'Focus the console',
      group: 'Scenario',
      key: { code: 'Backquote' },
      run: () => {
        if (useLab.getState().projector) a.toast('Projector mode hides the console and the watches: press P to leave it.');
        else document.querySelector<HTMLInputElement>('.dock__pane--console input')?.focus();
      },
    },
    // Playback pauses: it would go on behind the dialog, which is about the text, not the run on show.
    { id: 'explore.find', title: 'Find races (explore every schedule)', group: 'Scenario', key: { code: 'KeyR' }, run: () => (a.pause(), requestExplore('current')), enabled: (s) => s.status !== 'loading' && s.text.trim() !== '' },
    { id: 'model.compare', title: 'Compare models (run every preset)', group: 'Scenario', key: { code: 'KeyM' }, run: () => a.runMatrix(), enabled: (s) => !s.matrixRunning },

    { id: 'player.togglePlay', title: 'Play / pause', group: 'Playback', key: { code: 'Space' }, run: () => a.togglePlay(), enabled: hasSession },
    { id: 'player.stepForward', title: 'Step forward', group: 'Playback', key: { code: 'ArrowRight' }, run: () => a.step(1), enabled: (s) => hasSession(s) && s.target < s.stepCount },
    { id: 'player.stepBack', title: 'Step back', group: 'Playback', key: { code: 'ArrowLeft' }, run: () => a.step(-1), enabled: (s) => hasSession(s) && s.target > 0 },
    { id: 'player.toStart', title: 'Go to the start', group: 'Playback', key: { code: 'Home' }, run: () => a.toStart(), enabled: (s) => hasSession(s) && s.target > 0 },
    { id: 'player.toEnd', title: 'Go to the end', group: 'Playback', key: { code: 'End' }, run: () => a.toEnd(), enabled: (s) => hasSession(s) && s.target < s.stepCount },
    { id: 'player.faster', title: 'Faster', group: 'Playback', key: { code: 'Period', shift: true, char: '>' }, run: () => a.setSpeed(Math.min(8, useLab.getState().speed * 2)), enabled: (s) => s.speed < 8 },
    { id: 'player.slower', title: 'Slower', group: 'Playback', key: { code: 'Comma', shift: true, char: '<' }, run: () => a.setSpeed(Math.max(0.25, useLab.getState().speed / 2)), enabled: (s) => s.speed > 0.25 },
    { id: 'player.jump', title: 'Jump to step…', group: 'Playback', key: { code: 'KeyG' }, run: () => { const el = document.getElementById('jump-input') as HTMLInputElement | null; el?.focus(); el?.select(); }, enabled: hasSession },

    { id: 'bp.next', title: 'Run to the next breakpoint', group: 'Breakpoints', key: { code: 'BracketRight', char: ']' }, run: () => a.runToBreakpoint(1), enabled: hasSession },
    { id: 'bp.prev', title: 'Run back to the previous breakpoint', group: 'Breakpoints', key: { code: 'BracketLeft', char: '[' }, run: () => a.runToBreakpoint(-1), enabled: (s) => hasSession(s) && s.position > 0 },
    { id: 'bp.menu', title: 'Breakpoints…', group: 'Breakpoints', key: { code: 'KeyB' }, run: () => set({ dialog: useLab.getState().dialog === 'breakpoints' ? null : 'breakpoints' }) },
    {
      id: 'bp.toggleLine',
      title: 'Toggle a line breakpoint: on the caret\'s line in the editor, else on the current step\'s line',
      group: 'Breakpoints',
      key: { code: 'F9' },
      // From inside the editor too: the gutter is for the mouse, this is for the keyboard.
      inEditable: true,
      run: () => {
        const line = caretLine() ?? currentStepLine();
        if (line === undefined) a.toast('No line to break at: put the caret on a line in the editor, or step to a statement.');
        else a.toggleLineBreakpoint(line);
      },
    },

    { id: 'view.shortcuts', title: 'Keyboard shortcuts', group: 'View', key: { code: 'Slash', shift: true, char: '?' }, run: () => set({ dialog: useLab.getState().dialog === 'shortcuts' ? null : 'shortcuts' }) },
    { id: 'view.dark', title: 'Dark / light theme', group: 'View', key: { code: 'KeyD' }, run: () => set({ theme: useLab.getState().theme === 'dark' ? 'light' : 'dark' }) },
    { id: 'view.projector', title: 'Projector mode (large type, high contrast; I swaps the editor for the inspectors)', group: 'View', key: { code: 'KeyP' }, run: () => set({ projector: !useLab.getState().projector }) },
    // Projector type leaves room for two columns: the views and one of these.
    { id: 'view.projectorSide', title: 'Projector mode: the inspectors instead of the editor, and back', group: 'View', key: { code: 'KeyI' }, run: () => set({ projectorSide: useLab.getState().projectorSide === 'editor' ? 'inspectors' : 'editor' }), enabled: (s) => s.projector },
    tab('view.all', 'Show all views', 1, 'all'),
    tab('view.quota', 'Show the quota bars', 2, 'quota'),
    tab('view.heatmap', 'Show the ID heatmap', 3, 'heatmap'),
    tab('view.timeline', 'Show the notifier timeline', 4, 'timeline'),

    { id: 'share.link', title: 'Copy a share link', group: 'Share and files', key: { code: 'KeyL' }, run: () => a.share() },
    { id: 'file.import', title: 'Import a .ioasid file…', group: 'Share and files', key: { code: 'KeyO' }, run: () => document.getElementById('import-input')?.click() },
    { id: 'export.scenario', title: 'Export the scenario (.ioasid)', group: 'Share and files', run: () => a.exportAs('scenario') },
    { id: 'export.trace', title: 'Export the trace (JSON)', group: 'Share and files', run: () => a.exportAs('trace-json'), enabled: hasSession },
    { id: 'export.chrome', title: 'Export for Perfetto (Chrome Trace JSON)', group: 'Share and files', run: () => a.exportAs('chrome-trace'), enabled: hasSession },
    { id: 'export.pngHeatmap', title: 'Export the heatmap as PNG', group: 'Share and files', run: () => a.exportAs('png-heatmap'), enabled: hasSession },
    { id: 'export.pngTimeline', title: 'Export the timeline as PNG', group: 'Share and files', run: () => a.exportAs('png-timeline'), enabled: hasSession },
  ];
}
