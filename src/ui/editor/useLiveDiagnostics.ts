// Parses the editor text on each edit (debounced) with the same parser the worker runs, so
// errors show at once without a round trip.

import { useEffect, useState } from 'react';
import { parseScenario, type Diagnostic } from '../../engine/scenario';

/** Quiet time after the last keystroke before parsing; longer for big texts. */
export const PARSE_DEBOUNCE_MS = 150;
const BIG_TEXT_CHARS = 200_000;

export function diagnosticsOf(text: string): Diagnostic[] {
  const r = parseScenario(text);
  return r.ok ? [] : r.errors;
}

export function useLiveDiagnostics(text: string): Diagnostic[] {
  const [diagnostics, setDiagnostics] = useState<Diagnostic[]>(() => diagnosticsOf(text));
  useEffect(() => {
    const delay = text.length > BIG_TEXT_CHARS ? PARSE_DEBOUNCE_MS * 4 : PARSE_DEBOUNCE_MS;
    const t = setTimeout(() => setDiagnostics(diagnosticsOf(text)), delay);
    return () => clearTimeout(t);
  }, [text]);
  return diagnostics;
}
