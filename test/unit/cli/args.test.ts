// The runner's flags (SPEC §5): wrong arguments are refused with a message (exit 2), never
// accepted and ignored.
import { describe, expect, it } from 'vitest';
import { parseArgs } from '../../../src/cli/args';

describe('npm run scenario -- FILE [flags]', () => {
  it('reads every flag', () => {
    expect(parseArgs(['f.ioasid', '--model', 'v4', '--set', 'alloc=cyclic,free=refcount', '--json'])).toMatchObject({ file: 'f.ioasid', preset: 'v4', axes: [['alloc', 'cyclic'], ['free', 'refcount']], json: true });
    expect(parseArgs(['f.ioasid', '--explore', '--max-states', '500', '--workers', '2'])).toMatchObject({ explore: true, maxStates: 500, workers: 2 });
    expect(parseArgs(['f.ioasid', '--max-steps', '100'])).toMatchObject({ maxSteps: 100 });
  });

  it('refuses search flags without --explore, a run flag with it, and more than 64 workers', () => {
    expect(parseArgs(['f.ioasid', '--max-states', '500'])).toBe('--max-states applies to --explore only');
    expect(parseArgs(['f.ioasid', '--workers', '2'])).toBe('--workers applies to --explore only');
    expect(parseArgs(['f.ioasid', '--explore', '--max-steps', '9'])).toMatch(/^--max-steps applies to a run/);
    expect(parseArgs(['f.ioasid', '--explore', '--workers', '99'])).toBe('--workers takes at most 64');
    expect(parseArgs(['f.ioasid', '--explore', '--workers', '64'])).toMatchObject({ workers: 64 });
  });

  it('refuses bad values and unknown flags', () => {
    for (const bad of [['--max-states', '0'], ['--max-states', '-5'], ['--max-states', 'abc'], ['--max-states', '1.5'], ['--workers', '0']]) {
      expect(parseArgs(['f.ioasid', '--explore', ...bad])).toBe(`${bad[0]} takes a positive whole number`);
    }
    expect(parseArgs(['f.ioasid', '--bogus'])).toBe("unknown option '--bogus'");
    expect(parseArgs(['f.ioasid', '--matrix', '--explore'])).toBe('--matrix and --explore cannot be combined');
    expect(parseArgs([])).toBe('no scenario file given');
    // --matrix runs every preset: a --model would be silently ignored.
    expect(parseArgs(['f.ioasid', '--matrix', '--model', 'v4'])).toMatch(/^--matrix runs every preset/);
    expect(parseArgs(['f.ioasid', '--matrix', '--set', 'alloc=cyclic'])).toMatchObject({ matrix: true, axes: [['alloc', 'cyclic']] });
  });

  it('takes the file after -- even when its name starts with -', () => {
    expect(parseArgs(['--json', '--', '-odd.ioasid'])).toMatchObject({ file: '-odd.ioasid', json: true });
    expect(parseArgs(['--', 'a.ioasid', 'b.ioasid'])).toMatch(/^one scenario file at a time/);
  });
});
