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
