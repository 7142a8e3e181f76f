// checkTrace: one worker per imported trace, terminated after its one answer; a malformed
// answer or a crash rejects with a message; without a factory the check runs in this thread.
import { describe, expect, it } from 'vitest';
import { checkTrace } from '../../../src/ui/session/traceCheck';
import { answerTraceImport } from '../../../src/engine/run/traceImport';

/** A Worker stand-in that answers with `reply(message)`, or fails when `reply` throws. */
function fakeWorker(reply: (m: unknown) => unknown) {
  const w = {
    terminated: false,
    onmessage: null as ((e: MessageEvent) => void) | null,
    onerror: null as ((e: ErrorEvent) => void) | null,
    postMessage(m: unknown) {
      setTimeout(() => {
        try {
          w.onmessage?.({ data: reply(m) } as MessageEvent);
        } catch (e) {
          w.onerror?.({ message: (e as Error).message, preventDefault: () => {} } as unknown as ErrorEvent);
        }
      }, 0);
    },
    terminate() {
      w.terminated = true;
    },
  };
  return w;
}

describe('checkTrace', () => {
  it('posts the text to a fresh worker, resolves with its answer and terminates it', async () => {
    const w = fakeWorker(answerTraceImport);
    await expect(checkTrace('[1]', () => w as unknown as Worker)).resolves.toEqual({ ok: false, error: 'the trace must be an object' });
    expect(w.terminated).toBe(true);
  });

  it('rejects a malformed answer and a crash, terminating the worker either way', async () => {
    const odd = fakeWorker(() => ({ ok: true }));
    await expect(checkTrace('{}', () => odd as unknown as Worker)).rejects.toThrow('the trace checker sent a malformed answer');
    expect(odd.terminated).toBe(true);
    const dying = fakeWorker(() => {
      throw new Error('out of memory');
    });
    await expect(checkTrace('{}', () => dying as unknown as Worker)).rejects.toThrow('the trace checker crashed: out of memory');
    expect(dying.terminated).toBe(true);
  });

  it('checks in this thread without a factory', async () => {
    await expect(checkTrace('nope')).resolves.toMatchObject({ ok: false, error: expect.stringMatching(/^not JSON: /) });
  });
});
