// SPEC §3.3 notifier chain: priorities, registration order, global before set chain,
// default priorities per kind, notify by hand, unnotifier, and the chain's context.

import { describe, expect, it } from 'vitest';
import { deliveryLog, expectAllHeld, lines, results, run } from './harness';

describe('§3.3 notifier chain order', () => {
  it('handlers run in descending priority', () => {
    const t = run(lines('set vm1 quota=4', 'notifier a kind=log prio=1', 'notifier b kind=log prio=7', 'notifier c kind=log prio=3', 'alloc vm1'));
    expect(t.deliveries.map((d) => d.subscriber)).toStrictEqual(['b', 'c', 'a']);
    expect(t.deliveries.map((d) => d.priority)).toStrictEqual([7, 3, 1]);
  });

  it('registration order among equal priorities', () => {
    const t = run(lines('set vm1 quota=4', 'notifier z kind=log prio=2', 'notifier y kind=log prio=2', 'notifier x kind=log prio=2', 'alloc vm1'));
    expect(t.deliveries.map((d) => d.subscriber)).toStrictEqual(['z', 'y', 'x']);
  });

  it('the global chain runs before the set chain, whatever the priorities', () => {
    const t = run(lines('set vm1 quota=4', 'notifier s kind=log set=vm1 prio=9', 'notifier g kind=log prio=0', 'alloc vm1'));
    expect(t.deliveries.map((d) => `${d.subscriber}@${d.chain}`)).toStrictEqual(['g@global', 's@set']);
  });

  it('a set chain only hears about IDs of its own set', () => {
    const t = run(lines('set vm1 quota=4', 'set vm2 quota=4', 'notifier s1 kind=log set=vm1', 'alloc vm2', 'alloc vm1'));
    expect(deliveryLog(t)).toStrictEqual(['s1:ALLOC:2']);
  });

  it('default priorities: kvm 3 (cpu), iommu 2, vdcm 1 (device), log 0 (last)', () => {
    const t = run(lines('set vm1 quota=4', 'notifier l kind=log', 'notifier v kind=vdcm', 'notifier i kind=iommu', 'notifier k kind=kvm', 'alloc vm1'));
    expect(t.deliveries.map((d) => [d.subscriber, d.priority])).toStrictEqual([['k', 3], ['i', 2], ['v', 1], ['l', 0]]);
  });

  it('named priorities: cpu, iommu, device, last', () => {
    const t = run(lines('set vm1 quota=4', 'notifier a kind=log prio=last', 'notifier b kind=log prio=device', 'notifier c kind=log prio=iommu', 'notifier d kind=log prio=cpu', 'alloc vm1'));
    expect(t.deliveries.map((d) => [d.subscriber, d.priority])).toStrictEqual([['d', 3], ['c', 2], ['b', 1], ['a', 0]]);
  });

  it('every event of an ID goes to both chains, with the ID\'s set named', () => {
    const t = run(lines('set vm1 quota=4', 'notifier g kind=log', 'notifier s kind=log set=vm1', 'alloc vm1 -> a', 'get a', 'attach_spid a 5', 'detach_spid a', 'free a'));
    expect(deliveryLog(t)).toStrictEqual(['g:ALLOC:1', 's:ALLOC:1', 'g:BIND:1', 's:BIND:1', 'g:UNBIND:1', 's:UNBIND:1', 'g:FREE:1', 's:FREE:1']);
    expect(new Set(t.deliveries.map((d) => d.set))).toStrictEqual(new Set(['vm1']));
  });

  it('a log subscriber replies NOTIFY_DONE', () => {
    const t = run(lines('set vm1 quota=4', 'notifier l kind=log', 'alloc vm1'));
    expect(t.deliveries[0].reply).toBe('NOTIFY_DONE');
  });
});

describe('§3.3 chain context', () => {
  it('atomic chain: handlers run in atomic context; blocking chain: in the caller\'s context', () => {
    const src = lines('set vm1 quota=4', 'notifier l kind=log', 'alloc vm1');
    expect(run(src, 'v4').deliveries[0].context).toBe('atomic');
    expect(run(src, 'v1').deliveries[0].context).toBe('task');
  });

  it('calling a blocking chain from atomic context may sleep: sleep-in-atomic', () => {
    const t = run(lines('set vm1 quota=4', 'notifier l kind=log', 'alloc vm1 -> a', 'atomic {', 'notify a FREE', '}'), { preset: 'v4', axes: [['chain', 'blocking']] });
    expect(t.violations.map((v) => v.kind)).toContain('sleep-in-atomic');
  });
});

describe('§3.3 notify and unnotifier', () => {
  it('notify ID EVENT publishes by hand', () => {
    const t = run(lines('set vm1 quota=4', 'alloc vm1 -> a', 'notifier l kind=log', 'notify a BIND', 'expect delivered l BIND a', 'notify a UNBIND'));
    expect(results(t)).toMatchObject({ 4: '0', 6: '0' });
    expect(deliveryLog(t)).toStrictEqual(['l:BIND:1', 'l:UNBIND:1']);
    expectAllHeld(t);
  });

  it('notify of an unknown ID: -EINVAL and nothing delivered', () => {
    const t = run(lines('set vm1 quota=4', 'notifier l kind=log', 'notify 3 FREE'));
    expect(results(t)[3]).toBe('-EINVAL');
    expect(t.deliveries).toStrictEqual([]);
  });

  it('unnotifier removes a subscriber; later events skip it', () => {
    const t = run(lines('set vm1 quota=4', 'notifier a kind=log', 'notifier b kind=log', 'alloc vm1', 'unnotifier a', 'alloc vm1'));
    expect(results(t)[5]).toBe('0');
    expect(deliveryLog(t)).toStrictEqual(['a:ALLOC:1', 'b:ALLOC:1', 'b:ALLOC:2']);
  });

  it('a subscriber re-registered after unnotifier goes to the back of its priority', () => {
    const t = run(lines('set vm1 quota=4', 'notifier a kind=log', 'notifier b kind=log', 'unnotifier a', 'notifier a kind=log', 'alloc vm1'));
    expect(t.deliveries.map((d) => d.subscriber)).toStrictEqual(['b', 'a']);
  });
});

describe('§3.3 built-in subscribers', () => {
  it('kvm: BIND takes a reference and records the translation; UNBIND drops it', () => {
    const t = run(lines('set vm1 quota=4', 'notifier k kind=kvm', 'alloc vm1 -> a', 'attach_spid a 9', 'expect refs a == 2', 'detach_spid a', 'expect refs a == 1'));
    expectAllHeld(t);
    expect(t.deliveries.map((d) => d.reply)).toStrictEqual(['NOTIFY_DONE', 'NOTIFY_OK', 'NOTIFY_OK']);
  });

  it('kvm: FREE clears the translation and drops the reference, so the ID is reclaimed', () => {
    const t = run(lines('set vm1 quota=4', 'notifier k kind=kvm', 'alloc vm1 -> a', 'attach_spid a 9', 'free a', 'expect state a == free'));
    expectAllHeld(t);
  });

  it('vdcm: FREE queues work that clears and drops the reference later', () => {
    const t = run(lines('set vm1 quota=4', 'notifier v kind=vdcm', 'alloc vm1 -> a', 'attach_spid a 9', 'expect refs a == 2', 'free a', 'expect state a == free_pending', 'flush_work', 'expect state a == free'));
    expectAllHeld(t);
    expect(t.violations).toStrictEqual([]);
  });

  // Regression (found by fuzzing): KVM and the VDCM recorded a translation for a BIND they
  // could take no reference for, so it outlived the reclaim and the next owner of the ID met
  // it (reuse-before-cleanup under v4, and a leak at the end).
  it('v4: BIND of a FREE_PENDING ID (attach_spid after free) installs nothing in KVM or the device model', () => {
    const t = run(lines('set vm1 quota=4', 'notifier kvm kind=kvm', 'notifier vdcm kind=vdcm', 'alloc vm1 -> a', 'get a', 'free a',
      'attach_spid a 5', 'expect refs a == 1', 'put a', 'expect state a == free', 'alloc vm1', 'expect 1'));
    expectAllHeld(t);
    expect(t.violations).toStrictEqual([]);
    expect(t.deliveries.filter((d) => d.event === 'BIND').map((d) => d.reply)).toStrictEqual(['NOTIFY_DONE', 'NOTIFY_DONE']);
  });
});
