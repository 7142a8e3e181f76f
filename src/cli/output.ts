// Output of any size on stdout. A run stopped by the 5,000,000-step budget has a step log of
// hundreds of megabytes and a trace JSON larger than V8's longest string (about 512 MiB):
// built as one string, it ended the CLI with "RangeError: Invalid string length" and printed
// nothing. Text is produced in parts and written in chunks of about a megabyte, waiting for
// the reader when the pipe is full; the CLI exits only once everything is out (process.exit
// drops what a pipe has not taken yet: a 200 MB log piped to `tail` lost all but 128 KB).

import { once } from 'node:events';

/**
 * `value` as JSON.stringify(value) writes it (compact), in parts: objects key by key, arrays
 * element by element, each element stringified on its own (the trace's records are small;
 * its arrays are what grows).
 */
export function* jsonParts(value: unknown): Generator<string> {
  if (Array.isArray(value)) {
    yield '[';
    for (let i = 0; i < value.length; i++) {
      // As JSON.stringify does in arrays: undefined and functions become null.
      yield `${i > 0 ? ',' : ''}${JSON.stringify(value[i]) ?? 'null'}`;
    }
    yield ']';
    return;
  }
  if (value !== null && typeof value === 'object' && !('toJSON' in value)) {
    yield '{';
    let first = true;
    for (const [k, v] of Object.entries(value)) {
      // As JSON.stringify does in objects: undefined, functions and symbols are left out.
      if (v === undefined || typeof v === 'function' || typeof v === 'symbol') continue;
      yield `${first ? '' : ','}${JSON.stringify(k)}:`;
      first = false;
      yield* jsonParts(v);
    }
    yield '}';
    return;
  }
  yield JSON.stringify(value) ?? 'null';
}

/** Writes the parts to `stream` in chunks of about `chunkChars`, waiting for 'drain' when it asks to. */
export async function writeChunked(parts: Iterable<string>, stream: NodeJS.WritableStream, chunkChars = 1 << 20): Promise<void> {
  let buffer: string[] = [];
  let size = 0;
  const flush = async () => {
    const more = stream.write(buffer.join(''));
    buffer = [];
    size = 0;
    if (!more) await once(stream, 'drain');
  };
  for (const p of parts) {
    buffer.push(p);
    size += p.length;
    if (size >= chunkChars) await flush();
  }
  if (buffer.length > 0) await flush();
}

/** Resolves once everything written to `stream` so far has been handed on (writes are ordered). */
export function flushed(stream: NodeJS.WritableStream): Promise<void> {
  return new Promise((resolve) => stream.write('', () => resolve()));
}
