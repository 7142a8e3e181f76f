// Name resolution before the run (SPEC §4): in source order, every name a statement uses must
// be bound by an earlier statement of its namespace; schedule names resolve against all threads.

import type { Expectation, IdRef, Loc, Program, Stmt } from './ast';
import type { DiagnosticSink } from './diagnostics';
import { didYouMean } from './suggest';
import { SCHEDULE_BUILTINS, type Namespace } from './verbs';

interface NameUse {
  ns: Namespace;
  name: string;
  loc: Loc;
}

const NOUN: Record<Namespace, [string, string]> = {
  id: ['an', 'ID'],
  set: ['a', 'set'],
  subscriber: ['a', 'notifier'],
  device: ['a', 'device'],
  mm: ['an', 'mm'],
  thread: ['a', 'thread'],
};
const NAMESPACES = Object.keys(NOUN) as Namespace[];

function idUse(id: IdRef, out: NameUse[]): void {
  if (id.kind === 'name') out.push({ ns: 'id', name: id.name, loc: id.loc });
}

function expectationUses(e: Expectation, s: Stmt, out: NameUse[]): void {
  const at = (field: string): Loc => s.argLocs?.[field] ?? { line: s.line, col: s.col };
  switch (e.kind) {
    case 'bound':
      out.push({ ns: 'id', name: e.name, loc: at('name') });
      break;
    case 'used':
    case 'quota':
      out.push({ ns: 'set', name: e.set, loc: at('set') });
      break;
    case 'refs':
    case 'state':
      idUse(e.id, out);
      break;
    case 'entry':
      out.push({ ns: 'device', name: e.device, loc: at('device') });
      idUse(e.id, out);
      break;
    case 'delivered':
      out.push({ ns: 'subscriber', name: e.subscriber, loc: at('subscriber') });
      idUse(e.id, out);
      break;
    default:
      break;
  }
}

/** The names a statement refers to (not those it declares), in the order written. */
export function namesUsedBy(s: Stmt): NameUse[] {
  const out: NameUse[] = [];
  const at = (field: string): Loc => s.argLocs?.[field] ?? { line: s.line, col: s.col };
  const use = (ns: Namespace, name: string | undefined, field: string): void => {
    if (name !== undefined) out.push({ ns, name, loc: at(field) });
  };
  switch (s.verb) {
    case 'adjust':
    case 'free_set':
    case 'alloc':
    case 'find_spid':
      use('set', s.set, 'set');
      break;
    case 'find':
      idUse(s.id, out);
      use('set', s.set, 'set');
      break;
    case 'find_sid':
    case 'free':
    case 'get':
    case 'put':
    case 'detach_spid':
    case 'attach_spid':
    case 'notify':
      idUse(s.id, out);
      break;
    case 'notifier':
      use('set', s.set, 'set');
      break;
    case 'unnotifier':
      use('subscriber', s.name, 'name');
      break;
    case 'bind':
    case 'unbind':
    case 'dma':
      use('device', s.device, 'device');
      idUse(s.id, out);
      break;
    case 'sva_bind':
      use('device', s.device, 'device');
      use('mm', s.mm, 'mm');
      break;
    case 'mm_exit':
    case 'mmu_notifier_put':
      use('mm', s.mm, 'mm');
      break;
    case 'schedule':
      for (const n of s.names) out.push({ ns: 'thread', name: n.name, loc: n.loc });
      break;
    case 'expect':
      expectationUses(s.expectation, s, out);
      break;
    default:
      break;
  }
  return out;
}

/** The name a statement declares in a namespace other than IDs (threads are declared up front). */
export function nameDeclaredBy(s: Stmt): { ns: Namespace; name: string } | undefined {
  switch (s.verb) {
    case 'set':
      return { ns: 'set', name: s.name };
    case 'system_set':
      return { ns: 'set', name: 'system' };
    case 'notifier':
      return { ns: 'subscriber', name: s.name };
    case 'device':
      return { ns: 'device', name: s.name };
    case 'mm':
      return { ns: 'mm', name: s.name };
    default:
      return undefined;
  }
}

/**
 * Reports every use of an unbound name. `lenient` maps names a failed line may have declared
 * to that line: later uses are not reported, so one mistake gives one message.
 */
export function resolveNames(program: Program, lenient: ReadonlyMap<string, number>, sink: DiagnosticSink): void {
  const scopes = new Map<Namespace, Set<string>>(NAMESPACES.map((ns) => [ns, new Set<string>()]));
  const threads = scopes.get('thread') ?? new Set<string>();
  for (const t of program.threads) threads.add(t);
  for (const b of SCHEDULE_BUILTINS) threads.add(b);

  const check = (u: NameUse): void => {
    const scope = scopes.get(u.ns);
    if (scope === undefined || scope.has(u.name)) return;
    const failedAt = lenient.get(u.name);
    if (failedAt !== undefined && failedAt <= u.loc.line) return;
    const [, noun] = NOUN[u.ns];
    const other = NAMESPACES.find((ns) => ns !== u.ns && scopes.get(ns)?.has(u.name) && !(SCHEDULE_BUILTINS as readonly string[]).includes(u.name));
    if (other !== undefined) {
      const [article, otherNoun] = NOUN[other];
      const [wantArticle] = NOUN[u.ns];
      sink.add(u.loc.line, u.loc.col, `'${u.name}' is ${article} ${otherNoun}, not ${wantArticle} ${noun}`);
      return;
    }
    sink.add(u.loc.line, u.loc.col, `unknown ${noun} '${u.name}'${didYouMean(u.name, scope)}`);
  };

  const walk = (stmts: readonly Stmt[]): void => {
    for (const s of stmts) {
      if (sink.full) return;
      for (const u of namesUsedBy(s)) check(u);
      const d = nameDeclaredBy(s);
      if (d) scopes.get(d.ns)?.add(d.name);
      if (s.bind) scopes.get('id')?.add(s.bind.name);
      if ('body' in s) walk(s.body);
    }
  };
  walk(program.body);
}
