// Command-line arguments of `npm run scenario` (SPEC §5); every mistake is a message, never a throw.

import { isPresetName, type PresetName } from '../engine/model';

export interface CliArgs {
  file: string;
  preset?: PresetName;
  axes: [string, string][];
  json: boolean;
  matrix: boolean;
  explore: boolean;
  maxStates?: number;
  workers?: number;
  maxSteps?: number;
}

export const USAGE =
  'usage: npm run scenario -- FILE [--model v1|cyclic|v4] [--set axis=value,…] [--json] [--matrix] [--explore [--max-states N] [--workers N]] [--max-steps N]';

/** More worker threads than this only queue for the same cores. */
export const MAX_WORKERS = 64;

function positiveInt(flag: string, v: string | undefined): number | string {
  if (v === undefined || !/^\d+$/.test(v) || Number(v) < 1) return `${flag} takes a positive whole number`;
  return Number(v);
}

export function parseArgs(argv: string[]): CliArgs | string {
  const out: CliArgs = { file: '', axes: [], json: false, matrix: false, explore: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    // A `--` before the file: what follows is the file name, even one starting with '-'.
    if (a === '--' && !out.file) {
      if (argv.length > i + 2) return `one scenario file at a time (got ${argv.slice(i + 1).map((x) => `'${x}'`).join(' and ')})`;
      out.file = argv[i + 1] ?? '';
      break;
    }
    switch (a) {
      case '--json':
        out.json = true;
        break;
      case '--matrix':
        out.matrix = true;
        break;
      case '--explore':
        out.explore = true;
        break;
      case '--model': {
        const v = argv[++i];
        if (!v || !isPresetName(v)) return `--model takes a preset: v1, cyclic or v4 (got ${v === undefined ? 'nothing' : `'${v}'`})`;
        out.preset = v;
        break;
      }
      case '--set': {
        const v = argv[++i];
        if (!v) return '--set takes axis=value[,axis=value…]';
        for (const pair of v.split(',')) {
          const m = /^([a-z]+)=([a-z]+)$/.exec(pair.trim());
          if (!m) return `--set: '${pair}' is not axis=value`;
          out.axes.push([m[1], m[2]]);
        }
        break;
      }
      case '--max-states':
      case '--workers':
      case '--max-steps': {
        const n = positiveInt(a, argv[++i]);
        if (typeof n === 'string') return n;
        if (a === '--max-states') out.maxStates = n;
        else if (a === '--workers') out.workers = n;
        else out.maxSteps = n;
        break;
      }
      case '--help':
      case '-h':
        return USAGE;
      default:
        if (a.startsWith('-')) return `unknown option '${a}'`;
        if (out.file) return `one scenario file at a time (got '${out.file}' and '${a}')`;
        out.file = a;
    }
  }
  if (!out.file) return 'no scenario file given';
  if (out.matrix && out.explore) return '--matrix and --explore cannot be combined';
  if (out.matrix && out.preset) return '--matrix runs every preset: --model does not apply (--set does, to each)';
  // Accepted and ignored, they would look as if they had done something.
  if (!out.explore && (out.maxStates !== undefined || out.workers !== undefined)) return `${out.maxStates !== undefined ? '--max-states' : '--workers'} applies to --explore only`;
  if (out.explore && out.maxSteps !== undefined) return '--max-steps applies to a run, not to --explore (its bound is --max-states)';
  if (out.workers !== undefined && out.workers > MAX_WORKERS) return `--workers takes at most ${MAX_WORKERS}`;
  return out;
}
