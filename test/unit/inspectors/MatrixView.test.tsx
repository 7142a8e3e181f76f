// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { MatrixView } from '../../../src/ui/inspectors/MatrixView';
import { PRESET_NAMES, PRESETS } from '../../../src/engine/model';
import type { MatrixRow } from '../../../src/worker/protocol';
import { runScenarioFile } from './fixtures';

afterEach(cleanup);

// The rows the worker's `matrix` request computes, for the reuse race under every preset.
function matrixRows(): MatrixRow[] {
  return PRESET_NAMES.map((preset) => {
    const r = runScenarioFile('reuse-race', preset);
    const violations: Record<string, number> = {};
    for (const v of r.session.recorder.violations) violations[v.kind] = (violations[v.kind] ?? 0) + 1;
    const e = r.session.frontier.expectations;
    return { preset, model: PRESETS[preset], violations, passed: e.passed, failed: e.failed };
  });
}

describe('MatrixView', () => {
  it('shows presets × violation kinds with counts, zero cells muted, and expectations', () => {
    const rows = matrixRows();
    render(<MatrixView rows={rows} running={false} onRun={() => {}} />);
    const table = screen.getByRole('table', { name: /Violations by kind and expectations, per preset/ });
    const v1 = within(table).getByRole('rowheader', { name: /v1/ }).closest('tr')!;
    // v1 fails reuse-race with a lock-order inversion (see the scenario's header).
    const lockOrder = within(v1).getByLabelText(/v1 lock-order: [1-9]/);
    expect(lockOrder.className).toContain('insp-cell--hit');
    const zero = within(v1).getByLabelText('v1 leak: 0');
    expect(zero.className).toContain('insp-cell--zero');
    expect(v1.textContent).toContain('✗');
    const v4 = within(table).getByRole('rowheader', { name: /v4/ });
    expect(v4.getAttribute('title')).toBe('lock=spinlock chain=atomic alloc=lowest free=refcount cleanup=deferred');
    expect(v4.textContent).toContain('spinlock · atomic · lowest · refcount · deferred');
    expect(v4.closest('tr')!.textContent).toContain('✓');
  });

  it('marks the row of the preset the player runs', () => {
    render(<MatrixView rows={matrixRows()} running={false} onRun={() => {}} inUse="cyclic" />);
    const current = screen.getAllByRole('row').filter((r) => r.getAttribute('aria-current') === 'true');
    expect(current).toHaveLength(1);
    expect(within(current[0]).getByRole('rowheader').textContent).toMatch(/^cyclic \(in use\)/);
  });

  it('runs on click and shows loading and error states', () => {
    const onRun = vi.fn();
    const { rerender } = render(<MatrixView running={false} onRun={onRun} />);
    expect(screen.getByText(/Run the scenario under every preset/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Run every preset' }));
    expect(onRun).toHaveBeenCalledOnce();
    rerender(<MatrixView running onRun={onRun} />);
    expect((screen.getByRole('button', { name: 'Running…' }) as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByRole('status').textContent).toMatch(/Running the scenario under every preset/);
    rerender(<MatrixView running={false} error="parse error at 3:1" onRun={onRun} />);
    expect(screen.getByRole('alert').textContent).toBe('parse error at 3:1');
  });
});
