// The transport: to start, step back, play/pause, step, to end, breakpoints either way, the
// speed, the scrubber and the jump field. Every button is a command from the registry.

import { useShallow } from 'zustand/react/shallow';
import { SPEEDS, useLab } from '../store/labStore';
import { CommandButton } from '../commands/CommandButton';
import { useActions } from '../commands/CommandsContext';
import { Scrubber } from './Scrubber';
import { JumpInput } from './JumpInput';
import { Icon } from '../shell/Icon';

export function PlayerBar() {
  const actions = useActions();
  const { playing, speed, bpCount } = useLab(useShallow((s) => ({ playing: s.playing, speed: s.speed, bpCount: s.lineBreakpoints.length + s.breakpoints.length })));
  return (
    <div className="player" role="toolbar" aria-label="Player">
      <div className="player__buttons">
        <CommandButton id="player.toStart" className="btn btn--icon"><Icon name="start" /></CommandButton>
        <CommandButton id="bp.prev" className="btn btn--icon"><Icon name="bpPrev" /></CommandButton>
        <CommandButton id="player.stepBack" className="btn btn--icon"><Icon name="back" /></CommandButton>
        <CommandButton id="player.togglePlay" className="btn btn--icon btn--primary" label={playing ? 'Pause' : 'Play'}>
          <Icon name={playing ? 'pause' : 'play'} />
        </CommandButton>
        <CommandButton id="player.stepForward" className="btn btn--icon"><Icon name="forward" /></CommandButton>
        <CommandButton id="bp.next" className="btn btn--icon"><Icon name="bpNext" /></CommandButton>
        <CommandButton id="player.toEnd" className="btn btn--icon"><Icon name="end" /></CommandButton>
      </div>
      <Scrubber />
      <JumpInput />
      <label className="speed" title="Playback speed (< and >)">
        <span className="visually-hidden">Speed</span>
        <select value={speed} aria-label="Playback speed" onChange={(e) => {
            actions.setSpeed(Number(e.target.value));
            // Give the keyboard back to the hotkeys (Space would reopen the list).
            e.target.blur();
          }}>
          {SPEEDS.map((s) => (
            <option key={s} value={s}>
              {s}×
            </option>
          ))}
        </select>
      </label>
      <CommandButton id="bp.menu" className="btn btn--icon" label={`Breakpoints (${bpCount})`}>
        <span className="bp-dot" aria-hidden="true" />
        {bpCount ? bpCount : ''}
      </CommandButton>
    </div>
  );
}
