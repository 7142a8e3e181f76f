// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { valueAt, WatchPanel } from '../../../src/ui/panels/WatchPanel';

afterEach(cleanup);

const positions = [0, 5, 10, 15, 20];
const series = [
  { expression: 'avail', values: [1048576, 1048560, 1048560, 1048552, 1048576] },
  { expression: 'used vm1', values: [null, 0, 1, 2, 0] },
  { expression: 'refs', values: [], error: "'refs' needs an ID (number or bound name)" },
];

describe('WatchPanel', () => {
  it('draws a sparkline per expression with a cursor and the current value', () => {
    const { container } = render(
      <WatchPanel expressions={['avail', 'used vm1', 'refs']} series={series} positions={positions} position={12} onChange={() => {}} />,
    );
    expect(screen.getByLabelText('avail at position 12').textContent).toBe('1,048,560');
    expect(screen.getByLabelText('used vm1 at position 12').textContent).toBe('1');
    const paths = container.querySelectorAll('path.insp-spark__line');
    expect(paths).toHaveLength(2);
    // The null sample breaks the line: the path of 'used vm1' starts at the second sample.
    expect(paths[1].getAttribute('d')).toMatch(/^M/);
    expect(paths[0].getAttribute('d')!.split(/[LM]/).filter(Boolean)).toHaveLength(5);
    expect(paths[1].getAttribute('d')!.split(/[LM]/).filter(Boolean)).toHaveLength(4);
    const cursor = container.querySelector('line.insp-spark__cursor')!;
    // x range [3, 197] over positions 0..20: position 12 -> 3 + 194 * 0.6.
    expect(Number(cursor.getAttribute('x1'))).toBeCloseTo(3 + 194 * 0.6);
    expect(screen.getByRole('alert').textContent).toBe("'refs' needs an ID (number or bound name)");
    // The message takes the curve's and the value's place (a row of its own width, not the curve's).
    expect(screen.getByRole('alert').className).toContain('insp-watch__error');
    expect(screen.queryByLabelText('refs at position 12')).toBeNull();
  });

  it('shows the exact value at the position when the frame carries one, not the last sample', () => {
    const exact = new Map<string, number | null>([['avail', 1048557], ['used vm1', null]]);
    render(<WatchPanel expressions={['avail', 'used vm1']} series={series} positions={positions} position={12} exact={exact} onChange={() => {}} />);
    expect(screen.getByLabelText('avail at position 12').textContent).toBe('1,048,557');
    expect(screen.getByLabelText('used vm1 at position 12').textContent).toBe('—');
  });

  it('adds and removes expressions through onChange', () => {
    const onChange = vi.fn();
    render(<WatchPanel expressions={['avail']} position={0} onChange={onChange} />);
    expect(screen.getByText('sampling…')).toBeTruthy();
    fireEvent.change(screen.getByRole('combobox', { name: /Watch/ }), { target: { value: ' used   vm1 ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add' }));
    expect(onChange).toHaveBeenLastCalledWith(['avail', 'used vm1']);
    fireEvent.click(screen.getByRole('button', { name: 'Remove watch avail' }));
    expect(onChange).toHaveBeenLastCalledWith([]);
  });

  it('has an empty state and reads sparse samples', () => {
    render(<WatchPanel expressions={[]} position={0} onChange={() => {}} />);
    expect(screen.getByText(/No watches/)).toBeTruthy();
    expect(valueAt(positions, series[1].values, 0)).toBeNull();
    expect(valueAt(positions, series[1].values, 19)).toBe(2);
    expect(valueAt([5], [1], 2)).toBeUndefined();
  });
});
