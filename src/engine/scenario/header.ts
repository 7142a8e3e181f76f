// The header statements of SPEC §4: `title "…"` and `model [PRESET] [axis=value…]`, checked
// against the presets and axes of model.ts.

import type { Program } from './ast';
import { locOf, shown, splitArgs, type LineContext } from './args';
import type { Token } from './lexer';
import { didYouMean } from './suggest';
import { DEFAULT_PRESET, isPresetName, MODEL_AXES, PRESET_NAMES, PRESETS, withAxis, type ModelConfig, type PresetName } from '../model';

export function parseTitle(verbTok: Token, tokens: readonly Token[], ctx: LineContext): string | undefined {
  const t = tokens[0];
  if (t === undefined || t.kind !== 'string') {
    ctx.error(t?.col ?? verbTok.col, `'title' needs a quoted string (usage: title "TEXT")${t ? `, got ${shown(t)}` : ''}`);
    return undefined;
  }
  if (tokens.length > 1) {
    ctx.error(tokens[1].col, `unexpected ${shown(tokens[1])} after the title`);
    return undefined;
  }
  return t.str ?? '';
}

export function parseModel(verbTok: Token, tokens: readonly Token[], ctx: LineContext): Program['model'] | undefined {
  let failed = false;
  const fail = (col: number, message: string): void => {
    failed = true;
    ctx.error(col, message);
  };
  const { positional, keys } = splitArgs(tokens, { line: ctx.line, error: fail });
  let preset: PresetName | undefined;
  const first = positional[0];
  if (first !== undefined) {
    if (first.kind === 'name' && isPresetName(first.text)) preset = first.text;
    else fail(first.col, `unknown model preset ${shown(first)} (presets: ${PRESET_NAMES.join(', ')})${didYouMean(first.text, PRESET_NAMES)}`);
  }
  if (positional[1] !== undefined) fail(positional[1].col, `unexpected ${shown(positional[1])} (usage: model [PRESET] [axis=value…])`);
  if (first === undefined && keys.length === 0 && !failed) {
    fail(verbTok.col, `'model' needs a preset (${PRESET_NAMES.join(', ')}) or axis=value options`);
  }
  let config: ModelConfig = PRESETS[preset ?? DEFAULT_PRESET];
  const overrides: Record<string, string> = {};
  for (const { key, value } of keys) {
    if (Object.prototype.hasOwnProperty.call(overrides, key.text)) {
      fail(key.col, `duplicate key '${key.text}' for 'model'`);
      continue;
    }
    const next = withAxis(config, key.text, value.text);
    if (typeof next === 'string') {
      const isAxis = (MODEL_AXES as readonly string[]).includes(key.text);
      fail(isAxis ? value.col : key.col, isAxis ? next : `${next}${didYouMean(key.text, MODEL_AXES)}`);
      continue;
    }
    config = next;
    overrides[key.text] = value.text;
  }
  if (failed) return undefined;
  return { ...(preset ? { preset } : {}), overrides: overrides as Partial<ModelConfig>, loc: locOf(ctx, verbTok) };
}
