// The `expect` forms of SPEC §4. Keywords (ok, used, quota, avail, allocated, refs, state,
// entry, delivered, violation, no) take priority over an ID name: `expect NAME == N`.

import type { Expectation, ExpectState, IdRef, Loc } from './ast';
import { locOf, shown, type LineContext } from './args';
import type { Token } from './lexer';
import { didYouMean } from './suggest';
import { ERRNO_NAMES, errnoByName, INVALID_IOASID } from '../errno';
import { EVENT_NAMES, VIOLATION_KINDS, type EventName, type ViolationKind } from '../trace';

type Slot =
  | { lit: string }
  | { name: 'set' | 'device' | 'subscriber' }
  | { id: true }
  | { num: true }
  | { eqeq: true }
  | { oneOf: readonly string[]; what: string; field: string };

const STATES: readonly ExpectState[] = ['active', 'free_pending', 'free'];
const PRESENCE = ['present', 'absent'];

interface Form {
  usage: string;
  slots: Slot[];
  make(m: Matched): Expectation;
}

interface Matched {
  names: Record<string, string>;
  id: IdRef;
  num: number;
  picks: Record<string, string>;
}

const EQ: Slot = { eqeq: true };
const N: Slot = { num: true };
const ID: Slot = { id: true };

const FORMS: Record<string, Form> = {
  ok: { usage: 'ok', slots: [{ lit: 'ok' }], make: () => ({ kind: 'ok' }) },
  used: {
    usage: 'used SET == N',
    slots: [{ lit: 'used' }, { name: 'set' }, EQ, N],
    make: (m) => ({ kind: 'used', set: m.names.set, value: m.num }),
  },
  quota: {
    usage: 'quota SET == N',
    slots: [{ lit: 'quota' }, { name: 'set' }, EQ, N],
    make: (m) => ({ kind: 'quota', set: m.names.set, value: m.num }),
  },
  avail: { usage: 'avail == N', slots: [{ lit: 'avail' }, EQ, N], make: (m) => ({ kind: 'avail', value: m.num }) },
  allocated: {
    usage: 'allocated == N',
    slots: [{ lit: 'allocated' }, EQ, N],
    make: (m) => ({ kind: 'allocated', value: m.num }),
  },
  refs: { usage: 'refs ID == N', slots: [{ lit: 'refs' }, ID, EQ, N], make: (m) => ({ kind: 'refs', id: m.id, value: m.num }) },
  state: {
    usage: `state ID == ${STATES.join('|')}`,
    slots: [{ lit: 'state' }, ID, EQ, { oneOf: STATES, what: 'state', field: 'state' }],
    make: (m) => ({ kind: 'state', id: m.id, state: m.picks.state as ExpectState }),
  },
  entry: {
    usage: 'entry DEV ID present|absent',
    slots: [{ lit: 'entry' }, { name: 'device' }, ID, { oneOf: PRESENCE, what: 'word', field: 'presence' }],
    make: (m) => ({ kind: 'entry', device: m.names.device, id: m.id, present: m.picks.presence === 'present' }),
  },
  delivered: {
    usage: `delivered SUB ${EVENT_NAMES.join('|')} ID`,
    slots: [{ lit: 'delivered' }, { name: 'subscriber' }, { oneOf: EVENT_NAMES, what: 'event', field: 'event' }, ID],
    make: (m) => ({ kind: 'delivered', subscriber: m.names.subscriber, event: m.picks.event as EventName, id: m.id }),
  },
  violation: {
    usage: 'violation KIND',
    slots: [{ lit: 'violation' }, { oneOf: VIOLATION_KINDS, what: 'violation kind', field: 'violation' }],
    make: (m) => ({ kind: 'violation', violation: m.picks.violation as ViolationKind }),
  },
  no: { usage: 'no violations', slots: [{ lit: 'no' }, { lit: 'violations' }], make: () => ({ kind: 'no-violations' }) },
};

const KEYWORDS = Object.keys(FORMS);

function slotText(s: Slot): string {
  if ('lit' in s) return `'${s.lit}'`;
  if ('name' in s) return s.name === 'subscriber' ? 'a notifier name' : `a ${s.name} name`;
  if ('id' in s) return 'an ID (a name or a number)';
  if ('num' in s) return 'a number';
  if ('eqeq' in s) return "'=='";
  return `one of ${s.oneOf.join(', ')}`;
}

/** Matches tokens against a form; reports the first mismatch. */
function match(
  form: Form,
  tokens: readonly Token[],
  after: Token,
  ctx: LineContext,
  argLocs: Partial<Record<string, Loc>>,
): Matched | undefined {
  const m: Matched = { names: {}, id: { kind: 'num', value: 0, loc: { line: ctx.line, col: 1 } }, num: 0, picks: {} };
  const usage = `'expect ${form.usage}'`;
  for (let i = 0; i < form.slots.length; i++) {
    const s = form.slots[i];
    const t = tokens[i];
    if (t === undefined) {
      const last = tokens[tokens.length - 1] ?? after;
      ctx.error(last.end, `incomplete expectation: expected ${slotText(s)}; the form is ${usage}`);
      return undefined;
    }
    const bad = (extra = ''): undefined => {
      ctx.error(t.col, `expected ${slotText(s)} in ${usage}, got ${shown(t)}${extra}`);
      return undefined;
    };
    if ('lit' in s) {
      if (t.text !== s.lit) return bad(didYouMean(t.text, [s.lit]));
    } else if ('name' in s) {
      if (t.kind !== 'name') return bad();
      m.names[s.name] = t.text;
      argLocs[s.name] = locOf(ctx, t);
    } else if ('id' in s) {
      if (t.kind === 'number') m.id = { kind: 'num', value: t.num ?? 0, loc: locOf(ctx, t) };
      else if (t.kind === 'name') m.id = { kind: 'name', name: t.text, loc: locOf(ctx, t) };
      else return bad();
    } else if ('num' in s) {
      if (t.kind !== 'number') return bad();
      m.num = t.num ?? 0;
    } else if ('eqeq' in s) {
      if (t.kind !== 'eqeq') return bad(t.kind === 'eq' ? " (comparisons use '==')" : '');
    } else {
      if (!s.oneOf.includes(t.text)) {
        ctx.error(t.col, `unknown ${s.what} ${shown(t)} in ${usage} (${s.oneOf.join(', ')})${didYouMean(t.text, s.oneOf)}`);
        return undefined;
      }
      m.picks[s.field] = t.text;
      argLocs[s.field] = locOf(ctx, t);
    }
  }
  const extra = tokens[form.slots.length];
  if (extra !== undefined) {
    ctx.error(extra.col, `unexpected ${shown(extra)} after the expectation ${usage}`);
    return undefined;
  }
  return m;
}

/** `expect …` without the verb; undefined after reporting an error. */
export function parseExpectation(
  verbTok: Token,
  tokens: readonly Token[],
  ctx: LineContext,
): { expectation: Expectation; argLocs: Partial<Record<string, Loc>> } | undefined {
  const argLocs: Partial<Record<string, Loc>> = {};
  const first = tokens[0];
  if (first === undefined) {
    ctx.error(verbTok.col, "'expect' needs an expectation, e.g. 'expect ok', 'expect -EINVAL' or 'expect used SET == N'");
    return undefined;
  }
  const single = (make: () => Expectation | undefined): { expectation: Expectation; argLocs: typeof argLocs } | undefined => {
    if (tokens.length > 1) {
      ctx.error(tokens[1].col, `unexpected ${shown(tokens[1])} after the expectation`);
      return undefined;
    }
    const e = make();
    return e === undefined ? undefined : { expectation: e, argLocs };
  };
  if (first.kind === 'errno') {
    return single(() => {
      const value = errnoByName(first.text);
      if (value !== undefined) return { kind: 'result', value };
      ctx.error(first.col, `unknown errno ${shown(first)} (known: ${ERRNO_NAMES.join(', ')})${didYouMean(first.text, ERRNO_NAMES)}`);
      return undefined;
    });
  }
  if (first.kind === 'number') return single(() => ({ kind: 'result', value: first.num ?? 0 }));
  const own = first.kind === 'name' && Object.prototype.hasOwnProperty.call(FORMS, first.text) ? FORMS[first.text] : undefined;
  // `avail == N` and `allocated == N` are keyword forms with '==' second; the others are not.
  const keyword = first.kind === 'name' && (first.text === 'INVALID_IOASID' || (own !== undefined && !(own.slots[1] && 'eqeq' in own.slots[1])));
  if (keyword && tokens[1]?.kind === 'eqeq') {
    // `-> ok` binds a name, but `expect ok == N` reads the keyword: say so, not "expected a set name".
    ctx.error(first.col, `'${first.text}' is an expectation keyword, so 'expect ${first.text} == N' cannot check an ID bound as '${first.text}': bind it to another name`);
    return undefined;
  }
  if (first.kind === 'name' && first.text === 'INVALID_IOASID') return single(() => ({ kind: 'result', value: INVALID_IOASID }));
  if (own) {
    const form = own;
    const m = match(form, tokens, verbTok, ctx, argLocs);
    if (m === undefined) return undefined;
    if (form.slots.some((s) => 'id' in s)) argLocs.id = m.id.loc;
    return { expectation: form.make(m), argLocs };
  }
  if (first.kind === 'name' && tokens[1]?.kind === 'eqeq') {
    const form: Form = {
      usage: 'NAME == N',
      slots: [{ lit: first.text }, EQ, N],
      make: (m) => ({ kind: 'bound', name: first.text, value: m.num }),
    };
    const m = match(form, tokens, verbTok, ctx, argLocs);
    if (m === undefined) return undefined;
    argLocs.name = locOf(ctx, first);
    return { expectation: form.make(m), argLocs };
  }
  if (first.kind === 'name') {
    const hint = tokens[1]?.kind === 'eq' ? "; comparisons use '=='" : didYouMean(first.text, [...KEYWORDS, 'INVALID_IOASID']);
    ctx.error(first.col, `unknown expectation ${shown(first)}${hint} (for a bound ID write 'expect NAME == N')`);
    return undefined;
  }
  ctx.error(first.col, `unexpected ${shown(first)} after 'expect'`);
  return undefined;
}
