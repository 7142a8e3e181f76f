// A short-lived worker for one imported trace JSON: a 64 MB document takes about a second to
// parse and check, which neither the page nor the engine worker (serving the player) should
// spend. It answers once; the page then terminates it.

import { answerTraceImport } from '../engine/run/traceImport';

const scope = self as unknown as { postMessage: (m: unknown) => void; onmessage: ((e: MessageEvent) => void) | null };
scope.onmessage = (e: MessageEvent) => scope.postMessage(answerTraceImport(e.data));
