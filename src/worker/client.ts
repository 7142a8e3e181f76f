// The UI side of the protocol: typed request/response over a worker, with progress
// callbacks, and a restart that survives a crashed worker (the caller reloads its scenario).

import type { Progress, RequestBody, ResponseOf, WorkerMessage } from './protocol';

type Pending = { resolve: (r: WorkerMessage) => void; reject: (e: Error) => void; onProgress?: (p: Progress) => void };

export class LabClient {
  private worker: Worker;
  private nextId = 1;
  private pending = new Map<number, Pending>();
  onCrash?: (message: string) => void;

  constructor(private readonly factory: () => Worker) {
    this.worker = this.spawn();
  }

  private spawn(): Worker {
    const w = this.factory();
    w.onmessage = (e: MessageEvent<WorkerMessage>) => this.receive(e.data);
    w.onerror = (e: ErrorEvent) => {
      e.preventDefault?.();
      this.crashed(`the engine worker crashed: ${e.message || 'unknown error'}`);
    };
    return w;
  }

  private crashed(message: string): void {
    for (const p of this.pending.values()) p.reject(new Error(message));
    this.pending.clear();
    this.worker.terminate();
    this.worker = this.spawn();
    this.onCrash?.(message);
  }

  private receive(m: WorkerMessage): void {
    const p = this.pending.get(m.id);
    if (!p) return;
    if (m.type === 'progress') {
      p.onProgress?.(m);
      return;
    }
    this.pending.delete(m.id);
    if (m.type === 'error') p.reject(new Error(m.error));
    else p.resolve(m);
  }

  request<T extends RequestBody<never>['type'] | import('./protocol').Request['type']>(
    body: RequestBody<T & import('./protocol').Request['type']>,
    onProgress?: (p: Progress) => void,
  ): Promise<ResponseOf<T & import('./protocol').Request['type']>> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (r: WorkerMessage) => void, reject, onProgress });
      this.worker.postMessage({ ...body, id });
    });
  }

  /** Kills the worker and starts a fresh one (used by tests and after a hang). */
  restart(reason = 'restarted'): void {
    this.crashed(reason);
  }

  terminate(): void {
    this.worker.terminate();
  }
}
