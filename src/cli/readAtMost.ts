// Reads a scenario file without reading more than the size limit allows: readFileSync read
// /dev/zero until memory ran out, and a 1.5 GB file whole before refusing it.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

/**
 * Up to `limit` + 1 bytes of the file: more than `limit` means too large. `size`: the file's
 * size when the system knows it (a regular file), else undefined (a device, a pipe).
 */
export function readAtMost(path: string, limit: number): { bytes: Uint8Array; size: number | undefined } {
  const fd = openSync(path, 'r');
  try {
    const stat = fstatSync(fd);
    // procfs and some FUSE files say size 0 whatever they hold: read those up to the limit.
    const known = stat.isFile() && stat.size > 0;
    const buf = new Uint8Array(Math.min(limit + 1, known ? stat.size + 1 : limit + 1));
    let n = 0;
    while (n < buf.length) {
      const got = readSync(fd, buf, n, buf.length - n, null);
      if (got === 0) break;
      n += got;
    }
    return { bytes: buf.subarray(0, n), size: known ? stat.size : undefined };
  } finally {
    closeSync(fd);
  }
}
