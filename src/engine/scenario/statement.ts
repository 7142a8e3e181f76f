// Builds one ordinary statement from its tokens, driven by the verb schema table: positional
// arguments, key=value options, flags and defaults. `expect` and the headers have their own files.

import type { IdRef, Loc, StmtBody } from './ast';
import { describeExpected, locOf, shown, splitArgs, type LineContext } from './args';
import type { Token } from './lexer';
import { didYouMean } from './suggest';
import {
  DEFAULT_MAX_PASID,
  DEFAULT_PRIORITY,
  PRIORITY_BY_NAME,
  type ArgSpec,
  type KeySpec,
  type NotifierKind,
  type VerbSchema,
} from './verbs';
import { EVENT_NAMES, type EventName } from '../trace';

type Value = number | string | boolean | IdRef | { name: string; loc: Loc }[];

interface Collected {
  values: Map<string, Value>;
  locs: Partial<Record<string, Loc>>;
  flags: Set<string>;
}

function convertArg(verb: string, spec: ArgSpec, t: Token, ctx: LineContext): Value | undefined {
  switch (spec.kind) {
    case 'number':
      if (t.kind === 'number') return t.num ?? 0;
      ctx.error(t.col, `expected a number (${spec.label}) for '${verb}', got ${shown(t)}`);
      return undefined;
    case 'id':
      if (t.kind === 'number') return { kind: 'num', value: t.num ?? 0, loc: locOf(ctx, t) };
      if (t.kind === 'name') return { kind: 'name', name: t.text, loc: locOf(ctx, t) };
      ctx.error(t.col, `expected an ID (a name or a number) for '${verb}', got ${shown(t)}`);
      return undefined;
    case 'name':
      if (t.kind === 'name') return t.text;
      ctx.error(t.col, `expected ${describeExpected(spec.ns)} for '${verb}', got ${shown(t)}`);
      return undefined;
    case 'event':
      if ((EVENT_NAMES as readonly string[]).includes(t.text)) return t.text;
      ctx.error(t.col, `unknown event ${shown(t)} for '${verb}' (events: ${EVENT_NAMES.join(', ')})${didYouMean(t.text, EVENT_NAMES)}`);
      return undefined;
    case 'string':
      if (t.kind === 'string') return t.str ?? '';
      ctx.error(t.col, `expected a quoted string for '${verb}', got ${shown(t)}`);
      return undefined;
  }
}

function convertKey(verb: string, key: string, spec: KeySpec, v: Token, ctx: LineContext): Value | undefined {
  const bad = (what: string): undefined => {
    ctx.error(v.col, `'${key}' for '${verb}' must be ${what}, got ${shown(v)}`);
    return undefined;
  };
  const value = spec.value;
  switch (value.type) {
    case 'number':
      return v.kind === 'number' ? (v.num ?? 0) : bad('a number');
    case 'enum':
      if (v.kind === 'name' && value.values.includes(v.text)) return v.text;
      ctx.error(v.col, `'${key}' for '${verb}' must be one of ${value.values.join(', ')}; got ${shown(v)}${didYouMean(v.text, value.values)}`);
      return undefined;
    case 'name':
      return v.kind === 'name' ? v.text : bad(describeExpected(value.ns));
    case 'token':
      if (v.kind === 'name') return v.text;
      if (v.kind === 'number') return String(v.num ?? 0);
      if (v.kind === 'string') return v.str ?? '';
      return bad('a name, a number or a string');
    case 'prio':
      if (v.kind === 'number') return v.num ?? 0;
      if (v.kind === 'name' && Object.prototype.hasOwnProperty.call(PRIORITY_BY_NAME, v.text)) return PRIORITY_BY_NAME[v.text];
      return bad('cpu, iommu, device, last or a number');
    case 'onoff':
      if (v.kind === 'name' && (v.text === 'on' || v.text === 'off')) return v.text === 'on';
      return bad('on or off');
  }
}

/** Checks and converts the arguments; undefined after reporting at least one error. */
function collect(verb: string, verbTok: Token, schema: VerbSchema, tokens: readonly Token[], ctx: LineContext): Collected | undefined {
  let failed = false;
  const fail = (col: number, message: string): void => {
    failed = true;
    ctx.error(col, message);
  };
  const lineCtx: LineContext = { line: ctx.line, error: fail };
  const { positional, keys, valueless } = splitArgs(tokens, lineCtx);
  const out: Collected = { values: new Map(), locs: {}, flags: new Set() };
  const usage = `(usage: ${schema.usage})`;

  schema.args.forEach((spec, i) => {
    const t = positional[i];
    if (t === undefined) {
      if (positional.length === i) fail(verbTok.col, `missing ${spec.label} for '${verb}' ${usage}`);
      return;
    }
    const v = convertArg(verb, spec, t, lineCtx);
    if (v !== undefined) {
      out.values.set(spec.field, v);
      out.locs[spec.field] = locOf(ctx, t);
    }
  });

  const extra = positional.slice(schema.args.length);
  if (schema.variadic) {
    const spec = schema.variadic;
    if (extra.length === 0) fail(verbTok.col, `'${verb}' needs at least one ${spec.label} ${usage}`);
    const names: { name: string; loc: Loc }[] = [];
    for (const t of extra) {
      const v = convertArg(verb, spec, t, lineCtx);
      if (typeof v === 'string') names.push({ name: v, loc: locOf(ctx, t) });
    }
    out.values.set(spec.field, names);
  } else {
    for (const t of extra) {
      if (schema.flags.length > 0 && t.kind === 'name') {
        if (!schema.flags.includes(t.text)) {
          fail(t.col, `unknown flag ${shown(t)} for '${verb}' (flags: ${schema.flags.join(', ')})${didYouMean(t.text, schema.flags)}`);
        } else if (out.flags.has(t.text)) {
          fail(t.col, `duplicate flag ${shown(t)} for '${verb}'`);
        } else {
          out.flags.add(t.text);
        }
        continue;
      }
      fail(t.col, `too many arguments for '${verb}': unexpected ${shown(t)} ${usage}`);
      break;
    }
  }

  const keyNames = Object.keys(schema.keys);
  const seen = new Set<string>();
  for (const { key, value } of keys) {
    const spec = Object.prototype.hasOwnProperty.call(schema.keys, key.text) ? schema.keys[key.text] : undefined;
    if (spec === undefined) {
      if (keyNames.length === 0) fail(key.col, `'${verb}' takes no key=value options, got ${shown(key)} ${usage}`);
      else fail(key.col, `unknown key ${shown(key)} for '${verb}' (keys: ${keyNames.join(', ')})${didYouMean(key.text, keyNames)}`);
      continue;
    }
    if (seen.has(key.text)) {
      fail(key.col, `duplicate key '${key.text}' for '${verb}'`);
      continue;
    }
    seen.add(key.text);
    const v = convertKey(verb, key.text, spec, value, lineCtx);
    if (v === undefined) {
      failed = true;
    } else {
      out.values.set(spec.field, v);
      out.locs[spec.field] = locOf(ctx, value);
    }
  }
  for (const [name, spec] of Object.entries(schema.keys)) {
    if (spec.required && !seen.has(name) && !valueless.has(name)) fail(verbTok.col, `missing required key '${name}' for '${verb}' ${usage}`);
  }
  return failed ? undefined : out;
}

/** The statement body (verb and fields) of an ordinary verb, or undefined after an error. */
export function buildStatement(
  verbTok: Token,
  schema: VerbSchema,
  tokens: readonly Token[],
  ctx: LineContext,
): { body: StmtBody; argLocs: Partial<Record<string, Loc>> } | undefined {
  const verb = verbTok.text;
  const c = collect(verb, verbTok, schema, tokens, ctx);
  if (c === undefined) return undefined;
  const v = c.values;
  const num = (f: string): number => v.get(f) as number;
  const optNum = (f: string): { [k: string]: number } => (v.has(f) ? { [f]: v.get(f) as number } : {});
  const str = (f: string): string => v.get(f) as string;
  const id = (): IdRef => v.get('id') as IdRef;
  let body: StmtBody;
  switch (verb) {
    case 'capacity':
      body = { verb, n: num('n') };
      break;
    case 'set':
      body = {
        verb,
        name: str('name'),
        quota: num('quota'),
        type: (v.get('type') as 'mm' | 'null' | undefined) ?? 'mm',
        token: (v.get('token') as string | undefined) ?? str('name'),
      };
      break;
    case 'system_set':
      body = { verb, quota: num('quota') };
      break;
    case 'adjust':
      body = { verb, set: str('set'), quota: num('quota') };
      break;
    case 'free_set':
      body = { verb, set: str('set'), destroy: c.flags.has('destroy') };
      break;
    case 'alloc':
      body = { verb, set: str('set'), ...optNum('min'), ...optNum('max') };
      break;
    case 'find_sid':
    case 'free':
    case 'get':
    case 'put':
    case 'detach_spid':
      body = { verb, id: id() };
      break;
    case 'find':
      body = { verb, id: id(), ...(v.has('set') ? { set: str('set') } : {}) };
      break;
    case 'attach_spid':
      body = { verb, id: id(), spid: num('spid') };
      break;
    case 'find_spid':
      body = { verb, set: str('set'), spid: num('spid') };
      break;
    case 'notifier': {
      const kind = str('kind') as NotifierKind;
      body = {
        verb,
        name: str('name'),
        kind,
        ...(v.has('set') ? { set: str('set') } : {}),
        prio: (v.get('prio') as number | undefined) ?? DEFAULT_PRIORITY[kind],
      };
      break;
    }
    case 'unnotifier':
    case 'mm':
      body = { verb, name: str('name') };
      break;
    case 'notify':
      body = { verb, id: id(), event: str('event') as EventName };
      break;
    case 'device':
      body = {
        verb,
        name: str('name'),
        ats: (v.get('ats') as boolean | undefined) ?? true,
        maxPasid: (v.get('maxPasid') as number | undefined) ?? DEFAULT_MAX_PASID,
      };
      break;
    case 'bind':
      body = {
        verb,
        device: str('device'),
        id: id(),
        ...optNum('gpasid'),
        mode: (v.get('mode') as 'nested' | 'fl' | 'sl' | 'pt' | undefined) ?? 'nested',
      };
      break;
    case 'unbind':
    case 'dma':
      body = { verb, device: str('device'), id: id() };
      break;
    case 'sva_bind':
      body = { verb, device: str('device'), mm: str('mm') };
      break;
    case 'mm_exit':
    case 'mmu_notifier_put':
      body = { verb, mm: str('mm') };
      break;
    case 'atomic':
    case 'call_rcu':
    case 'work':
      body = { verb, body: [] };
      break;
    case 'spin_lock':
    case 'spin_unlock':
    case 'mutex_lock':
    case 'mutex_unlock':
      body = { verb, lock: str('lock') };
      break;
    case 'thread':
      body = { verb, name: str('name'), body: [] };
      break;
    case 'join':
    case 'quiesce':
    case 'rcu_barrier':
    case 'flush_work':
      body = { verb };
      break;
    case 'schedule':
      body = { verb, names: v.get('names') as { name: string; loc: Loc }[] };
      break;
    case 'repeat':
      body = { verb, count: num('count'), body: [] };
      break;
    case 'note':
      body = { verb, text: str('text') };
      break;
    default:
      // A verb in the table without a builder: a programming error, reported, not thrown.
      ctx.error(verbTok.col, `internal error: no builder for verb '${verb}'`);
      return undefined;
  }
  return { body, argLocs: c.locs };
}
