// @vitest-environment jsdom
// The timeline's table: what a delivery did comes first (the reply is often the point of a
// lesson and must not sit off the right edge of a narrow pane), where it came from last.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, within } from '@testing-library/react';
import { DeliveryTable } from '../../../src/visualizations/timeline/DeliveryTable';
import type { TraceDelivery } from '../../../src/engine/trace';

afterEach(cleanup);

const delivery: TraceDelivery = { index: 0, step: 4, event: 'FREE', id: 7, set: 'vm1', subscriber: 'kvm1', priority: 3, chain: 'set', context: 'task', reply: 'NOTIFY_DONE' };

describe('DeliveryTable', () => {
  it('puts step, event, ID, subscriber and reply first, each cell under its header', () => {
    const steps = new Map([[4, { index: 4, line: 12, thread: 'vm1', text: 'free g1' }]]);
    render(<DeliveryTable visible deliveries={[delivery]} violations={[]} steps={steps as never} current={9} />);
    const headers = screen.getAllByRole('columnheader').map((h) => h.textContent);
    expect(headers.slice(0, 5)).toEqual(['Step', 'Event', 'ID', 'Subscriber', 'Reply']);
    const cells = within(screen.getAllByRole('row')[1]).getAllByRole('cell').map((c) => c.textContent);
    expect(Object.fromEntries(headers.map((h, i) => [h, cells[i]]))).toEqual({ Step: '5', Event: 'FREE', ID: '7', Subscriber: 'kvm1', Reply: 'NOTIFY_DONE', Context: 'task', Chain: 'set', Priority: '3', Set: 'vm1', Line: '12', Thread: 'vm1' });
  });
});
