// The explorer worker protocol's validators: a malformed or unusable request is refused
// before a worker acts on it (a too-small shared table would make every visit fail).
import { describe, expect, it } from 'vitest';
import { isExploreReply, isExploreRequest } from '../../../src/worker/exploreProtocol';
import { SharedVisited } from '../../../src/engine/run/explore/sharedVisited';
import { PRESETS } from '../../../src/engine/model';

const job = (extra: Record<string, unknown>) => ({ type: 'explore', source: 's', model: PRESETS.v4, roots: [[]], maxStates: 10, ...extra });

describe('explore requests', () => {
  it('accepts an explore job with or without a shared visited table', () => {
    expect(isExploreRequest(job({}))).toBe(true);
    expect(isExploreRequest(job({ visited: SharedVisited.create(10).buffer }))).toBe(true);
  });

  it('refuses a visited table that is not a SharedArrayBuffer or too small for one level', () => {
    expect(isExploreRequest(job({ visited: new ArrayBuffer(SharedVisited.MIN_BYTES) }))).toBe(false);
    expect(isExploreRequest(job({ visited: new SharedArrayBuffer(64) }))).toBe(false);
    expect(isExploreRequest(job({ visited: 'table' }))).toBe(false);
  });

  it('refuses a budget that is not a positive integer', () => {
    expect(isExploreRequest(job({ maxStates: 0 }))).toBe(false);
    expect(isExploreRequest(job({ maxStates: 1.5 }))).toBe(false);
  });

  it('takes sleep sets only as one 31-bit mask per root', () => {
    expect(isExploreRequest(job({ roots: [['t1'], ['t2']], sleeps: [0, 6] }))).toBe(true);
    expect(isExploreRequest(job({ roots: [['t1'], ['t2']], sleeps: [0] }))).toBe(false);
    expect(isExploreRequest(job({ roots: [['t1']], sleeps: [-1] }))).toBe(false);
    expect(isExploreRequest(job({ roots: [['t1']], sleeps: [2 ** 31] }))).toBe(false);
    expect(isExploreRequest(job({ roots: [['t1']], sleeps: ['1'] }))).toBe(false);
    expect(isExploreReply({ type: 'prefixes', prefixes: [['a'], ['b']], sleeps: [1, 0] })).toBe(true);
    expect(isExploreReply({ type: 'prefixes', prefixes: [['a'], ['b']], sleeps: [1] })).toBe(false);
  });
});
