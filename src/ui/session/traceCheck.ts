// One imported trace JSON checked on a worker started for it and terminated after its answer
// (or in this thread when there is no worker factory: component tests).

import { answerTraceImport, type TraceImportAnswer } from '../../engine/run/traceImport';

export function checkTrace(text: string, factory?: () => Worker): Promise<TraceImportAnswer> {
  if (!factory) return Promise.resolve(answerTraceImport(text));
  return new Promise((resolve, reject) => {
    const worker = factory();
    const done = () => worker.terminate();
    worker.onmessage = (e: MessageEvent<TraceImportAnswer>) => {
      done();
      const a = e.data;
      if (a && typeof a === 'object' && (a.ok === true ? typeof a.summary === 'string' : typeof a.error === 'string')) resolve(a);
      else reject(new Error('the trace checker sent a malformed answer'));
    };
    worker.onerror = (e: ErrorEvent) => {
      e.preventDefault?.();
      done();
      reject(new Error(`the trace checker crashed: ${e.message || 'unknown error'}`));
    };
    worker.postMessage(text);
  });
}
