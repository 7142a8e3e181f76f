// Share links: encode/decode round trip, and one specific message for every way a link can be
// malformed (DESIGN example 8). Imported bytes go through the same text checks.
import { describe, expect, it } from 'vitest';
import { compressToEncodedURIComponent } from 'lz-string';
import { decodeModel, decodeShareHash, encodeModel, encodeShareHash, isShareHash } from '../../../src/ui/share/shareLink';
import { decodeScenarioBytes, scenarioTextProblem } from '../../../src/engine/scenario/sourceText';
import { PRESETS } from '../../../src/engine/model';
import { MAX_SCENARIO_CHARS } from '../../../src/engine/scenario';

const TEXT = 'title "t"\nset vm1 quota=4\nalloc vm1 -> g1\nnote "ünïcødé & = # \\" ok"\n';
const s = (text: string) => compressToEncodedURIComponent(text);

function message(hash: string, maxChars?: number): string {
  const r = decodeShareHash(hash, maxChars);
  if (r.ok) throw new Error('expected a failure');
  return r.message;
}

describe('share link round trip', () => {
  it('restores text, preset, position and breakpoints', () => {
    const hash = encodeShareHash({ text: TEXT, model: PRESETS.v4, position: 12, lineBreakpoints: [9, 5] });
    expect(hash).toMatch(new RegExp(`^#v=1&n=${TEXT.length}&s=[A-Za-z0-9+\\-$]+&m=v4&p=12&b=5,9$`));
    expect(isShareHash(hash)).toBe(true);
    expect(decodeShareHash(hash)).toEqual({ ok: true, state: { text: TEXT, model: PRESETS.v4, position: 12, lineBreakpoints: [5, 9] } });
  });

  it('restores a custom model and a link without one', () => {
    const custom = { ...PRESETS.v1, lock: 'spinlock' as const, chain: 'atomic' as const };
    const hash = encodeShareHash({ text: TEXT, model: custom, position: 0, lineBreakpoints: [] });
    expect(hash).toContain(`m=${encodeURIComponent('spinlock,atomic,lowest,immediate,sync')}`);
    const r = decodeShareHash(hash);
    expect(r.ok && r.state.model).toEqual(custom);
    const none = decodeShareHash(encodeShareHash({ text: TEXT, position: 3, lineBreakpoints: [] }));
    expect(none.ok && none.state.model).toBeUndefined();
    expect(none.ok && none.state.position).toBe(3);
  });

  it('survives "+" turned into spaces by a mail client', () => {
    const hash = encodeShareHash({ text: TEXT.repeat(20), model: PRESETS.v1, position: 1, lineBreakpoints: [] });
    const r = decodeShareHash(hash.replace(/\+/g, ' '));
    expect(r.ok && r.state.text).toBe(TEXT.repeat(20));
  });

  it('model encodings invert', () => {
    for (const m of Object.values(PRESETS)) expect(decodeModel(encodeModel(m))).toEqual(m);
    expect(decodeModel('v9')).toBeNull();
    expect(decodeModel('mutex,blocking,lowest,immediate')).toBeNull();
    expect(decodeModel('mutex,blocking,lowest,immediate,soon')).toBeNull();
  });

  it('reads a link made before n= existed, and one whose = and & were percent-encoded', () => {
    const old = `#v=1&s=${s(TEXT)}&p=2`;
    expect(decodeShareHash(old)).toEqual({ ok: true, state: { text: TEXT, model: undefined, position: 2, lineBreakpoints: [] } });
    const escaped = `#${encodeURIComponent(encodeShareHash({ text: TEXT, position: 4, lineBreakpoints: [] }).slice(1))}`;
    expect(escaped).toMatch(/^#v%3D1%26n%3D/);
    expect(isShareHash(escaped)).toBe(true);
    const r = decodeShareHash(escaped);
    expect(r.ok && r.state).toEqual({ text: TEXT, model: undefined, position: 4, lineBreakpoints: [] });
  });

  it('leaves ordinary anchors alone', () => {
    expect(isShareHash('#section-2')).toBe(false);
    expect(isShareHash('')).toBe(false);
  });
});

describe('malformed share links', () => {
  it('catches a link cut off inside its text, even where the cut text still decompresses', () => {
    const long = Array.from({ length: 120 }, (_, i) => `alloc vm1 -> g${i}`).join('\n');
    const hash = encodeShareHash({ text: long, position: 0, lineBreakpoints: [] });
    const body = hash.slice(0, hash.indexOf('&p='));
    // Every cut point inside s= either fails to decompress or gives a shorter text: both are refused.
    let shorter = 0;
    for (let cut = body.indexOf('&s=') + 4; cut < body.length; cut += 7) {
      const r = decodeShareHash(body.slice(0, cut));
      expect(r.ok).toBe(false);
      if (!r.ok && /holds [\d,]+ characters where the link says/.test(r.message)) shorter++;
    }
    expect(shorter).toBeGreaterThan(0);
    expect(message(`#v=1&n=12x&s=${s(TEXT)}`)).toBe(`This link's scenario text is damaged: it holds ${TEXT.length} characters where the link says 12x (was the link cut off when copied?).`);
  });

  it('names a newer format version', () => {
    expect(message(`#v=2&s=${s(TEXT)}`)).toBe("This link has format version '2'; this lab reads version 1 links only.");
  });
  it('names a missing scenario', () => {
    expect(message('#v=1&m=v4&p=3')).toBe('This link carries no scenario: its s= parameter is missing or empty.');
    expect(message('#v=1&s=')).toMatch(/missing or empty/);
  });
  it('names damaged compression', () => {
    expect(message('#v=1&s=%%%not-lz%%%')).toMatch(/scenario text is damaged: it could not be decompressed/);
    expect(message(`#v=1&s=${s(TEXT).slice(0, 5)}`)).toMatch(/could not be decompressed|not text/);
  });
  it('names binary content', () => {
    expect(message(`#v=1&s=${s('alloc\u0000\u0001')}`)).toBe("This link's scenario is not text: it contains binary control characters.");
  });
  it('names a text over the size limit', () => {
    // A small limit keeps the test fast; the production limit is the parser's MAX_SCENARIO_CHARS.
    expect(message(`#v=1&s=${s('a'.repeat(1001))}`, 1000)).toBe("This link's scenario is too large: 1,001 characters (the limit is 1,000).");
  });
  it('names an unknown model', () => {
    expect(message(`#v=1&s=${s(TEXT)}&m=v9`)).toBe("This link names an unknown model 'v9': use v1, cyclic, v4 or five axis values (lock,chain,alloc,free,cleanup).");
  });
  it('names a step that is not a whole number', () => {
    expect(message(`#v=1&s=${s(TEXT)}&p=-3`)).toBe("This link's step '-3' is not a whole number.");
    expect(message(`#v=1&s=${s(TEXT)}&p=1.5`)).toMatch(/step '1.5'/);
    expect(message(`#v=1&s=${s(TEXT)}&p=abc`)).toMatch(/step 'abc'/);
  });
  it('names breakpoints that are not line numbers', () => {
    expect(message(`#v=1&s=${s(TEXT)}&b=5,x`)).toBe("This link's breakpoints '5,x' are not line numbers (expected e.g. b=5,9).");
    expect(message(`#v=1&s=${s(TEXT)}&b=0`)).toMatch(/not line numbers/);
  });
});

describe('imported bytes', () => {
  it('accepts UTF-8 text and strips a BOM', () => {
    const bytes = new TextEncoder().encode('\uFEFFset vm1 quota=4\n');
    expect(decodeScenarioBytes(bytes, "'a.ioasid'")).toEqual({ ok: true, text: 'set vm1 quota=4\n' });
  });
  it('reads lone CRs (classic Mac line ends) as line breaks, as an editor shows them, and keeps CRLF', () => {
    const bytes = new TextEncoder().encode('set vm1 quota=4\ralloc vm1 -> a\r\nfree b\r');
    expect(decodeScenarioBytes(bytes, "'mac.ioasid'")).toEqual({ ok: true, text: 'set vm1 quota=4\nalloc vm1 -> a\r\nfree b\n' });
    const r = decodeShareHash(encodeShareHash({ text: 'set vm1 quota=4\ralloc vm1 -> a\r', position: 0, lineBreakpoints: [] }));
    expect(r.ok && r.state.text).toBe('set vm1 quota=4\nalloc vm1 -> a\n');
  });
  it('refuses invalid UTF-8, binary and oversize input', () => {
    expect(decodeScenarioBytes(new Uint8Array([0xff, 0xfe, 0x81]), "'b.ioasid'")).toEqual({ ok: false, message: "'b.ioasid' is not UTF-8 text." });
    expect(decodeScenarioBytes(new Uint8Array([0x61, 0x00, 0x62]), "'c.ioasid'")).toEqual({ ok: false, message: "'c.ioasid' is not text: it contains binary control characters." });
    expect(scenarioTextProblem('x'.repeat(MAX_SCENARIO_CHARS + 1), 'It')).toMatch(/^It is too large/);
    expect(scenarioTextProblem('tab\tand\r\nnewlines', 'It')).toBeNull();
  });
});
