// Lock state and a lockdep-like order graph: records "B taken while holding A" edges and
// reports the first pair seen in both orders (lock-order), like lockdep's circular-dependency
// splat. Engine-internal locks (ioasid_allocator_lock, pasid_mutex) take part too.

export type LockKind = 'spin' | 'mutex';

export interface LockRecord {
  kind: LockKind;
  holder: string | null;
}

export interface LockdepState {
  locks: Map<string, LockRecord>;
  /** edges.get(A).get(B) = source line where B was first taken while holding A. */
  edges: Map<string, Map<string, number>>;
  reported: Set<string>;
}

export function createLockdep(): LockdepState {
  return { locks: new Map(), edges: new Map(), reported: new Set() };
}

export function cloneLockdep(s: LockdepState): LockdepState {
  const locks = new Map<string, LockRecord>();
  for (const [k, v] of s.locks) locks.set(k, { ...v });
  const edges = new Map<string, Map<string, number>>();
  for (const [k, v] of s.edges) edges.set(k, new Map(v));
  return { locks, edges, reported: new Set(s.reported) };
}

/**
 * Records edges held→taken for every lock the thread holds and returns a description of an
 * inversion if `taken` was ever taken before one of them (directly or through a chain).
 * Reads `read`; calls `write` for a changeable copy only when an edge or report is new (the
 * kernel state is copy-on-write, and almost every acquisition repeats a known edge).
 */
export function recordAcquire(read: LockdepState, write: () => LockdepState, held: readonly string[], taken: string, line: number): string | undefined {
  let s = read;
  let inversion: string | undefined;
  for (const h of held) {
    if (h === taken) continue;
    if (!s.edges.get(h)?.has(taken)) {
      s = write();
      let out = s.edges.get(h);
      if (!out) s.edges.set(h, (out = new Map()));
      out.set(taken, line);
    }
    if (inversion !== undefined) continue;
    const back = pathLine(s, taken, h);
    if (back === undefined) continue;
    // The pair in either order: one report per inversion. Built only for an inversion
    // (this runs on every nested acquisition).
    const key = h < taken ? `${h}\u0000${taken}` : `${taken}\u0000${h}`;
    if (!s.reported.has(key)) {
      s = write();
      s.reported.add(key);
      inversion = `possible circular locking: ${taken} taken while holding ${h} (line ${line}), but ${h} was taken while holding ${taken} earlier (line ${back})`;
    }
  }
  return inversion;
}

/** Line of the first edge on a path from → to, or undefined when `to` is unreachable. */
function pathLine(s: LockdepState, from: string, to: string): number | undefined {
  const first = s.edges.get(from);
  if (first === undefined) return undefined; // the common case: nothing to search
  const seen = new Set<string>([from]);
  const stack: [string, number][] = [];
  for (const [n, l] of first) stack.push([n, l]);
  while (stack.length > 0) {
    const [n, l] = stack.pop()!;
    if (n === to) return l;
    if (seen.has(n)) continue;
    seen.add(n);
    for (const [m] of s.edges.get(n) ?? []) stack.push([m, l]);
  }
  return undefined;
}
