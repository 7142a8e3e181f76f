// @vitest-environment jsdom
// The scenario picker says what the editor holds: a library scenario as is, one edited, or a
// scenario of the user's own (its title), with that state first so a narrow header keeps it.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import { CommandsProvider } from '../../../src/ui/commands/CommandsContext';
import { ScenarioPicker } from '../../../src/ui/header/ScenarioPicker';
import { DEFAULT_SCENARIO, findScenario } from '../../../src/ui/session/library';
import { resetLabStore } from '../../../src/ui/store/labStore';
import { fakeActions } from './fakeActions';

const entry = findScenario(DEFAULT_SCENARIO)!;

function shown(name: string, text: string): string {
  resetLabStore({ name, text });
  render(
    <CommandsProvider actions={fakeActions()}>
      <ScenarioPicker />
    </CommandsProvider>,
  );
  const select = screen.getByLabelText<HTMLSelectElement>('Built-in scenario');
  expect(select.title).toBe(select.selectedOptions[0].textContent);
  return select.title;
}

describe('ScenarioPicker', () => {
  afterEach(cleanup);

  it('names a library scenario by its title', () => {
    expect(shown(entry.name, entry.text)).toBe(entry.title);
  });

  it('marks an edit of it as edited, first', () => {
    expect(shown(entry.name, `${entry.text}\nalloc vm1\n`)).toBe(`edited: ${entry.title}`);
  });

  it('names text of the user\'s own by its title, even under a library name', () => {
    expect(shown(entry.name, 'title "hover"\nset vm1 quota=8\n')).toBe('yours: hover');
    cleanup();
    expect(shown('untitled', 'set vm1 quota=8\n')).toBe('yours: untitled scenario');
    cleanup();
    // Opened from a link: the colleague's, not yet the user's own.
    expect(shown('shared', 'title "from a colleague"\nset vm1 quota=8\n')).toBe('shared: from a colleague');
    cleanup();
    expect(shown('shared', 'set vm1 quota=8\n')).toBe('shared: untitled scenario');
  });
});
