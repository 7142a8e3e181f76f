// Every `expect` form of SPEC §4, keyword priority over ID names, and their errors.

import { describe, expect, it } from 'vitest';
import type { Expectation, Stmt } from '../../../src/engine/scenario';
import { ERRNO_NAMES } from '../../../src/engine/errno';
import { VIOLATION_KINDS } from '../../../src/engine/trace';
import { errorsOf, lastStmt, PRELUDE, PRELUDE_LINES } from './helpers';

const L = PRELUDE_LINES + 1;

function exp(line: string): Expectation {
  const s = lastStmt(`${PRELUDE}\n${line}`) as Extract<Stmt, { verb: 'expect' }>;
  expect(s.verb).toBe('expect');
  expect(s.text).toBe(line.replace(/#.*$/, '').trim());
  return s.expectation;
}

const nameRef = (name: string, col: number) => ({ kind: 'name' as const, name, loc: { line: L, col } });

describe('expect forms', () => {
  it('ok and results', () => {
    expect(exp('expect ok')).toStrictEqual({ kind: 'ok' });
    expect(exp('expect -EINVAL')).toStrictEqual({ kind: 'result', value: -22 });
    expect(exp('expect -ENOSPC')).toStrictEqual({ kind: 'result', value: -28 });
    expect(exp('expect INVALID_IOASID')).toStrictEqual({ kind: 'result', value: 0xffffffff });
    expect(exp('expect 5')).toStrictEqual({ kind: 'result', value: 5 });
    expect(exp('expect 0xFFFFFFFF')).toStrictEqual({ kind: 'result', value: 0xffffffff });
  });

  it('bound ID', () => {
    expect(exp('expect g1 == 1')).toStrictEqual({ kind: 'bound', name: 'g1', value: 1 });
  });

  it('used, quota, avail, allocated', () => {
    expect(exp('expect used vm1 == 2')).toStrictEqual({ kind: 'used', set: 'vm1', value: 2 });
    expect(exp('expect quota vm1 == 4')).toStrictEqual({ kind: 'quota', set: 'vm1', value: 4 });
    expect(exp('expect avail == 1048571')).toStrictEqual({ kind: 'avail', value: 1048571 });
    expect(exp('expect allocated == 0')).toStrictEqual({ kind: 'allocated', value: 0 });
  });

  it('refs and state', () => {
    expect(exp('expect refs g1 == 2')).toStrictEqual({ kind: 'refs', id: nameRef('g1', 13), value: 2 });
    expect(exp('expect state 3 == free')).toStrictEqual({ kind: 'state', id: { kind: 'num', value: 3, loc: { line: L, col: 14 } }, state: 'free' });
    expect(exp('expect state g1 == active')).toMatchObject({ state: 'active' });
    expect(exp('expect state g1 == free_pending')).toMatchObject({ state: 'free_pending' });
  });

  it('entry present|absent', () => {
    expect(exp('expect entry dev0 g1 present')).toStrictEqual({ kind: 'entry', device: 'dev0', id: nameRef('g1', 19), present: true });
    expect(exp('expect entry dev0 g1 absent')).toMatchObject({ present: false });
  });

  it('delivered', () => {
    expect(exp('expect delivered kvm FREE g1 # comment')).toStrictEqual({ kind: 'delivered', subscriber: 'kvm', event: 'FREE', id: nameRef('g1', 27) });
  });

  it('violation of every kind, and no violations', () => {
    for (const v of VIOLATION_KINDS) expect(exp(`expect violation ${v}`)).toStrictEqual({ kind: 'violation', violation: v });
    expect(exp('expect no violations')).toStrictEqual({ kind: 'no-violations' });
  });

  it('keywords take priority over ID names', () => {
    // `ok` bound as an ID is still the keyword; `expect ok == 1` is then malformed, and the
    // error says why (it used to say "expected a set name").
    expect(lastStmt('set s quota=1\nalloc s -> ok\nexpect ok')).toMatchObject({ expectation: { kind: 'ok' } });
    expect(errorsOf('set s quota=1\nalloc s -> used\nexpect used == 1')).toEqual([
      "3:8: 'used' is an expectation keyword, so 'expect used == N' cannot check an ID bound as 'used': bind it to another name",
    ]);
    expect(errorsOf('set s quota=1\nalloc s -> ok\nexpect ok == 1')).toEqual([
      "3:8: 'ok' is an expectation keyword, so 'expect ok == N' cannot check an ID bound as 'ok': bind it to another name",
    ]);
    // avail and allocated take '==' as their own form.
    expect(lastStmt('expect avail == 4')).toMatchObject({ expectation: { kind: 'avail', value: 4 } });
  });
});

describe('expect errors', () => {
  const err = (line: string): string[] => errorsOf(`${PRELUDE}\n${line}`);

  it('malformed forms', () => {
    expect(err('expect')).toEqual([`${L}:1: 'expect' needs an expectation, e.g. 'expect ok', 'expect -EINVAL' or 'expect used SET == N'`]);
    expect(err('expect used vm1 == ')).toEqual([`${L}:19: incomplete expectation: expected a number; the form is 'expect used SET == N'`]);
    expect(err('expect g1 = 1')).toEqual([`${L}:8: unknown expectation 'g1'; comparisons use '==' (for a bound ID write 'expect NAME == N')`]);
    expect(err('expect refs g1 = 1')).toEqual([`${L}:16: expected '==' in 'expect refs ID == N', got '=' (comparisons use '==')`]);
    expect(err('expect ok now')).toEqual([`${L}:11: unexpected 'now' after the expectation 'expect ok'`]);
    expect(err('expect 5 6')).toEqual([`${L}:10: unexpected '6' after the expectation`]);
    expect(err('expect "x"')).toEqual([`${L}:8: unexpected '"x"' after 'expect'`]);
  });

  it('unknown values name the allowed ones and suggest', () => {
    expect(err('expect -EINVALL')).toEqual([
      `${L}:8: unknown errno '-EINVALL' (known: ${ERRNO_NAMES.join(', ')}); did you mean '-EINVAL'?`,
    ]);
    expect(err('expect state g1 == freed')).toEqual([
      `${L}:20: unknown state 'freed' in 'expect state ID == active|free_pending|free' (active, free_pending, free); did you mean 'free'?`,
    ]);
    expect(err('expect violation sleep-in-atomc')).toEqual([
      `${L}:18: unknown violation kind 'sleep-in-atomc' in 'expect violation KIND' (${VIOLATION_KINDS.join(', ')}); did you mean 'sleep-in-atomic'?`,
    ]);
    expect(err('expect delivered kvm ALOC g1')).toEqual([
      `${L}:22: unknown event 'ALOC' in 'expect delivered SUB ALLOC|FREE|BIND|UNBIND ID' (ALLOC, FREE, BIND, UNBIND); did you mean 'ALLOC'?`,
    ]);
    expect(err('expect entry dev0 g1 there')).toEqual([
      `${L}:22: unknown word 'there' in 'expect entry DEV ID present|absent' (present, absent)`,
    ]);
    expect(err('expect stat g1 == free')).toEqual([
      `${L}:8: unknown expectation 'stat'; did you mean 'state'? (for a bound ID write 'expect NAME == N')`,
    ]);
    expect(err('expect no violation')).toEqual([`${L}:11: expected 'violations' in 'expect no violations', got 'violation'; did you mean 'violations'?`]);
  });

  it('names in expectations are resolved', () => {
    expect(err('expect used vm2 == 1')).toEqual([`${L}:13: unknown set 'vm2'; did you mean 'vm1'?`]);
    expect(err('expect g2 == 1')).toEqual([`${L}:8: unknown ID 'g2'; did you mean 'g1'?`]);
    expect(err('expect entry dev1 g1 present')).toEqual([`${L}:14: unknown device 'dev1'; did you mean 'dev0'?`]);
    expect(err('expect delivered kvn ALLOC g1')).toEqual([`${L}:18: unknown notifier 'kvn'; did you mean 'kvm'?`]);
    expect(err('expect refs dev0 == 1')).toEqual([`${L}:13: 'dev0' is a device, not an ID`]);
  });

  it('-> NAME is not allowed on expect', () => {
    expect(err('expect ok -> x')).toEqual([`${L}:11: '-> NAME' is not allowed on 'expect'`]);
  });
});
