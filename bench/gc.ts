// Forced garbage collection for memory figures: global.gc when node ran with --expose-gc,
// else the same function through a V8 flag (tsx passes no node flags).
import v8 from 'node:v8';
import vm from 'node:vm';

export function findGc(): (() => void) | undefined {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (exposed) return exposed;
  try {
    v8.setFlagsFromString('--expose-gc');
    return vm.runInNewContext('gc') as () => void;
  } catch {
    return undefined;
  }
}

/** Heap plus typed-array bytes in use, after a collection when one is available. */
export function usedBytes(gc: (() => void) | undefined): number {
  gc?.();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

/** usedBytes after two collections a tick apart: freed ArrayBuffer memory is released lazily. */
export async function settledBytes(gc: (() => void) | undefined): Promise<number> {
  gc?.();
  await new Promise((r) => setTimeout(r, 50));
  return usedBytes(gc);
}
