// @vitest-environment jsdom
// Share refuses a link browsers could not open (over 2 MiB) and points at the file export,
// leaving the address bar alone.
import { afterEach, describe, expect, it } from 'vitest';
import { LabController } from '../../../src/ui/session/labController';
import { MAX_LINK_CHARS } from '../../../src/ui/share/shareLink';
import { resetLabStore, useLab } from '../../../src/ui/store/labStore';

const idleWorker = () => ({ postMessage: () => undefined, terminate: () => undefined, onmessage: null, onerror: null }) as unknown as Worker;

/** Text lz-string cannot shrink much: pseudo-random letters in comment lines. */
function incompressible(chars: number): string {
  let x = 12345;
  const out: string[] = [];
  for (let i = 0; i < chars; i++) {
    x = (Math.imul(x, 1103515245) + 12345) & 0x7fffffff;
    out.push(i % 80 === 0 ? '\n# ' : String.fromCharCode(33 + ((x >>> 16) % 90)));
  }
  return out.join('');
}

afterEach(() => history.replaceState(null, '', '/'));

describe('share', () => {
  it('refuses a link over the browsers\' limit and offers the scenario file instead', () => {
    resetLabStore({ text: `set vm1 quota=1${incompressible(2_000_000)}\n` });
    const lab = new LabController(idleWorker);
    lab.share();
    const banner = useLab.getState().banner!;
    expect(banner.text).toMatch(new RegExp(`^This scenario is too large to share as a link: [\\d,]+ characters once compressed, and browsers open links of up to ${MAX_LINK_CHARS.toLocaleString('en-US')}\\.`));
    expect(banner.action!.label).toBe('Export the scenario');
    expect(location.hash).toBe('');
  });

  it('puts an ordinary link in the address bar', () => {
    resetLabStore({ text: 'set vm1 quota=1\n' });
    new LabController(idleWorker).share();
    expect(location.hash).toMatch(/^#v=1&n=16&s=/);
    expect(useLab.getState().banner).toBeNull();
  });
});
