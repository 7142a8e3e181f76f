// The URL hash that carries shareable state (DESIGN example 8): `#v=1&n=812&s=…&m=v4&p=12&b=5,9`
// — scenario text (lz-string), model, position and line breakpoints. Decoding validates like
// an imported file and names exactly what is wrong. `n=` (the text's length, an extension
// links made before it lack) comes before the text, so a link cut off while being copied is
// caught: lz-string decompresses many cut-off texts to a shorter text without complaint.

import { compressToEncodedURIComponent, decompressFromEncodedURIComponent } from 'lz-string';
import { AXIS_VALUES, MODEL_AXES, PRESETS, isPresetName, presetOf, type ModelConfig } from '../../engine/model';
import { scenarioTextProblem, withLineFeeds } from '../../engine/scenario/sourceText';

export const SHARE_VERSION = 1;

export interface SharedState {
  text: string;
  /** Absent in a link without m=: the scenario's own `model` line applies. */
  model?: ModelConfig;
  position: number;
  lineBreakpoints: number[];
}

export type DecodedShare = { ok: true; state: SharedState } | { ok: false; message: string };

/** A preset's name, or the five axis values in MODEL_AXES order joined by commas. */
export function encodeModel(model: ModelConfig): string {
  return presetOf(model) ?? MODEL_AXES.map((a) => model[a]).join(',');
}

export function decodeModel(text: string): ModelConfig | null {
  if (isPresetName(text)) return PRESETS[text];
  const values = text.split(',');
  if (values.length !== MODEL_AXES.length) return null;
  const model: Record<string, string> = {};
  for (let i = 0; i < MODEL_AXES.length; i++) {
    const axis = MODEL_AXES[i];
    if (!AXIS_VALUES[axis].includes(values[i])) return null;
    model[axis] = values[i];
  }
  return model as unknown as ModelConfig;
}

export function encodeShareHash(s: SharedState): string {
  const parts = [`v=${SHARE_VERSION}`, `n=${s.text.length}`, `s=${compressToEncodedURIComponent(s.text)}`];
  if (s.model) parts.push(`m=${encodeURIComponent(encodeModel(s.model))}`);
  parts.push(`p=${s.position}`);
  if (s.lineBreakpoints.length) parts.push(`b=${[...s.lineBreakpoints].sort((a, b) => a - b).join(',')}`);
  return `#${parts.join('&')}`;
}

/** True when the hash looks like a share link at all (so a plain `#section` is left alone). */
export function isShareHash(hash: string): boolean {
  return /^#?(v|s)(=|%3D)/i.test(hash);
}

/** Chromium opens URLs of up to 2 MiB; a longer link would not even load. */
export const MAX_LINK_CHARS = 2 * 1024 * 1024;

/** A link whose `=` and `&` were percent-encoded on the way (some chat apps do), as written. */
function unescaped(hash: string): string {
  if (!/^#?(v|s)%3D/i.test(hash)) return hash;
  try {
    return decodeURIComponent(hash);
  } catch {
    return hash;
  }
}

const WHOLE = /^\d{1,9}$/;

/** `maxChars` exists for tests: the real limit is the parser's. */
export function decodeShareHash(hash: string, maxChars?: number): DecodedShare {
  const params = new URLSearchParams(unescaped(hash).replace(/^#/, ''));
  const v = params.get('v');
  if (v !== null && v !== String(SHARE_VERSION)) {
    return { ok: false, message: `This link has format version '${v}'; this lab reads version ${SHARE_VERSION} links only.` };
  }
  const s = params.get('s');
  if (s === null || s === '') return { ok: false, message: 'This link carries no scenario: its s= parameter is missing or empty.' };
  // URLSearchParams turns '+' into a space; lz-string's URI alphabet uses '+'.
  let text: string | null;
  try {
    text = decompressFromEncodedURIComponent(s.replace(/ /g, '+'));
  } catch {
    text = null;
  }
  if (text === null || text === '') {
    return { ok: false, message: 'This link\'s scenario text is damaged: it could not be decompressed (was the link cut off when copied?).' };
  }
  // Counted as the link counted it, then read as the editor shows it.
  const n = params.get('n');
  if (n !== null && (!WHOLE.test(n) || Number(n) !== text.length)) {
    return { ok: false, message: `This link's scenario text is damaged: it holds ${text.length.toLocaleString('en-US')} characters where the link says ${n.slice(0, 12)} (was the link cut off when copied?).` };
  }
  text = withLineFeeds(text);
  const problem = scenarioTextProblem(text, 'This link\'s scenario', maxChars);
  if (problem) return { ok: false, message: problem };

  const m = params.get('m');
  let model: ModelConfig | undefined;
  if (m !== null) {
    const decoded = decodeModel(m);
    if (!decoded) {
      return { ok: false, message: `This link names an unknown model '${m.slice(0, 40)}': use v1, cyclic, v4 or five axis values (${MODEL_AXES.join(',')}).` };
    }
    model = decoded;
  }

  const p = params.get('p');
  let position = 0;
  if (p !== null) {
    if (!WHOLE.test(p)) return { ok: false, message: `This link's step '${p.slice(0, 20)}' is not a whole number.` };
    position = Number(p);
  }

  const b = params.get('b');
  const lineBreakpoints: number[] = [];
  if (b !== null && b !== '') {
    for (const part of b.split(',')) {
      if (!WHOLE.test(part) || Number(part) < 1) {
        return { ok: false, message: `This link's breakpoints '${b.slice(0, 40)}' are not line numbers (expected e.g. b=5,9).` };
      }
      lineBreakpoints.push(Number(part));
    }
  }
  return { ok: true, state: { text, model, position, lineBreakpoints: [...new Set(lineBreakpoints)] } };
}
