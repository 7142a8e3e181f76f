// `--explore`: placeholder until the explorer lands; says so instead of pretending.
import type { CliArgs } from './args';
import type { CompiledProgram } from '../engine/run/program';

export async function runExplore(_args: CliArgs, _program: CompiledProgram): Promise<number> {
  process.stderr.write('error: --explore is not available yet in this build\n');
  return 2;
}
