// The model a scenario asks for on its `model` line (default v1), read without the worker so
// the model picker can follow the file until the user pins a model.

import { parseScenario } from '../../engine/scenario';
import { resolveModel } from '../../engine/lab';
import type { ModelConfig } from '../../engine/model';

export function modelOfText(text: string): ModelConfig | undefined {
  const parsed = parseScenario(text);
  if (!parsed.ok) return undefined;
  const model = resolveModel(parsed.program);
  return typeof model === 'string' ? undefined : model;
}
