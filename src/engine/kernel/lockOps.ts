// Hand-made locking for scenarios (spin_lock / mutex_lock and their unlocks). Whether a thread
// may take a lock at all (or must wait) is the scheduler's decision; this records the effects.

import { EDEADLK, EINVAL } from '../errno';
import { recordAcquire, type LockKind } from '../exec/lockdep';
import type { Kernel } from './kernel';

/** Who holds `name`, or null. */
export function lockHolder(k: Kernel, name: string): string | null {
  return k.state.view.lockdep.locks.get(name)?.holder ?? null;
}

export function acquire(k: Kernel, name: string, kind: LockKind): number {
  const rec = k.state.view.lockdep.locks.get(name);
  const thread = k.ctx.thread;
  if (rec && rec.holder === thread) {
    k.violation('deadlock', `${thread} takes ${name}, which it already holds: recursive locking deadlocks the thread`);
    return EDEADLK;
  }
  if (rec && rec.kind !== kind) k.warn(`${name} was used as a ${rec.kind === 'spin' ? 'spinlock' : 'mutex'} before`);
  if (kind === 'mutex') k.mightSleep(`mutex_lock(${name})`);
  const inversion = recordAcquire(k.state.view.lockdep, () => k.state.lockdep, k.handHeld(), name, k.line);
  if (inversion) k.violation('lock-order', inversion);
  k.state.lockdep.locks.set(name, { kind: rec?.kind ?? kind, holder: thread });
  return 0;
}

export function release(k: Kernel, name: string, kind: LockKind): number {
  const rec = k.state.lockdep.locks.get(name);
  if (!rec || rec.holder !== k.ctx.thread) {
    k.warn(`${k.ctx.thread} unlocks ${name}, which it does not hold`);
    return EINVAL;
  }
  if (rec.kind !== kind) k.warn(`${name} is a ${rec.kind === 'spin' ? 'spinlock' : 'mutex'}`);
  rec.holder = null;
  return 0;
}

/** Spinlocks the thread holds: they make its code atomic. */
export function heldSpinlocks(k: Kernel, thread: string): string[] {
  const out: string[] = [];
  for (const [name, l] of k.state.view.lockdep.locks) if (l.holder === thread && l.kind === 'spin') out.push(name);
  return out;
}
