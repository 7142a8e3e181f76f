// @vitest-environment jsdom
// The caption of the current step: a step the console added after the scenario's end is
// labelled as such, not with the file's last note and a line past the end of the file.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import { StepCaption } from '../../../src/ui/player/StepCaption';
import { resetLabStore } from '../../../src/ui/store/labStore';
import { frameCache } from '../../../src/ui/store/frameCache';
import type { FrameData } from '../../../src/engine/run/frame';
import type { TraceStep } from '../../../src/engine/trace';
import type { SessionInfo } from '../../../src/worker/protocol';

const FILE = 'note "The last note of the file"\nset vm1 quota=4\nalloc vm1 -> a\n';

function show(line: number, text: string, result = 1, resultName = String(result)) {
  const current: TraceStep = { index: 2, line, thread: 'main', context: 'task', text, result, resultName, warnings: [], deliveries: [], violations: [] };
  frameCache.setInfo({ notes: [[0, 'The last note of the file']], violations: [] } as unknown as SessionInfo);
  frameCache.setSnapshot({ frame: { position: 3 } as FrameData, idState: new Uint8Array(0), current, touched: [] });
  resetLabStore({ status: 'ready', stepCount: 3, position: 3, frameVersion: 1, sessionVersion: 1, loadedText: FILE });
  render(<StepCaption />);
}

describe('step caption', () => {
  afterEach(() => {
    cleanup();
    frameCache.clear();
  });

  it('shows a file step with its line and the note in force', () => {
    show(3, 'alloc vm1 -> a');
    expect(screen.getByTestId('note').textContent).toBe('The last note of the file');
    expect(screen.getByTestId('current-step').textContent).toMatch(/^L3main/);
  });

  it('marks a failed result by its number, named or not (an imported trace may leave it unnamed)', () => {
    show(3, 'alloc vm1 -> a', -28, '-ENOSPC');
    expect(screen.getByTitle('Result').className).toContain('caption__result--fail');
    cleanup();
    show(3, 'alloc vm1 -> a', -2, '-2');
    expect(screen.getByTitle('Result').className).toContain('caption__result--fail');
    cleanup();
    show(3, 'alloc vm1 -> a', 5);
    expect(screen.getByTitle('Result').className).not.toContain('caption__result--fail');
  });

  it('labels a step the console added after the end of the scenario', () => {
    show(5, 'alloc vm1 -> b');
    expect(screen.getByTestId('note').textContent).toBe('Run from the console, after the end of the scenario.');
    expect(screen.getByTestId('current-step').textContent).toMatch(/^consolemain/);
  });
});
