// The model a scenario asks for on its `model` line (default v1), read without the worker so
// the model picker can follow the file until the user pins a model.

import { parseScenario } from '../../engine/scenario';
import { resolveModel } from '../../engine/lab';
import type { ModelConfig } from '../../engine/model';

/** The model the text asks for, and whether its `model` line says so (else it is the default). */
export function fileModelOf(text: string): { model: ModelConfig; fromLine: boolean } | undefined {
  const parsed = parseScenario(text);
  if (!parsed.ok) return undefined;
  const model = resolveModel(parsed.program);
  return typeof model === 'string' ? undefined : { model, fromLine: parsed.program.model !== undefined };
}

export function modelOfText(text: string): ModelConfig | undefined {
  return fileModelOf(text)?.model;
}

/**
 * The text up to its first statement: blank lines, comments, and the header statements
 * (`title`, `model`), which come before any other. Its `model` line is the file's, if any;
 * taking it is cheap enough for every keystroke, unlike parsing the whole text.
 */
export function headerOf(text: string): string {
  let at = 0;
  while (at < text.length) {
    const end = text.indexOf('\n', at);
    const line = text.slice(at, end < 0 ? text.length : end).trim();
    if (line !== '' && !line.startsWith('#') && !/^(title|model)(\s|$)/.test(line)) break;
    at = end < 0 ? text.length : end + 1;
  }
  return text.slice(0, at);
}
