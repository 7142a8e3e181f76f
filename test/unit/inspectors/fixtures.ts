// Real FrameData for the inspector tests: scenarios run through the engine exactly as the
// worker does (Session + buildFrame), so the components are tested on what they will get.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadScenario, resolveModel } from '../../../src/engine/lab';
import type { PresetName } from '../../../src/engine/model';
import { Session } from '../../../src/engine/run/session';
import { buildFrame, describeId, type FrameData, type IdDetails } from '../../../src/engine/run/frame';

export interface Run {
  session: Session;
  frame(position: number): FrameData;
  touched(position: number): number[];
  describe(position: number, id: number): IdDetails;
  /** The first position (after a step) whose source line is `line`. */
  after(line: number): number;
}

export function runSource(source: string, preset?: PresetName): Run {
  const l = loadScenario(source);
  if (!l.ok) throw new Error(l.errors.map((e) => e.message).join('; '));
  const model = resolveModel(l.program.source, { preset });
  if (typeof model === 'string') throw new Error(model);
  const session = new Session(l.program, model);
  session.advance();
  return {
    session,
    frame: (n) => buildFrame(session.at(n), n),
    touched: (n) => (n > 0 ? session.recorder.touchedOf(n - 1) : []),
    describe: (n, id) => describeId(session.at(n), id),
    after: (line) => {
      for (let i = 0; i < session.stepCount; i++) if (session.recorder.step(i).line === line) return i + 1;
      throw new Error(`no step on line ${line}`);
    },
  };
}

export function runScenarioFile(name: string, preset?: PresetName): Run {
  // __dirname, not import.meta.url: under jsdom the latter is not a file: URL.
  const path = join(__dirname, '../../../scenarios', `${name}.ioasid`);
  return runSource(readFileSync(path, 'utf8'), preset);
}

/** A VM with a nested guest binding and a bare-metal SVA process on a second device. */
export const TWO_DEVICES = `title "inspector fixture"
model v4
capacity 1048576
system_set quota=64
set vm1 quota=4
notifier iommu kind=iommu
notifier kvm kind=kvm set=vm1
notifier vdcm kind=vdcm set=vm1
device dev0 ats=on
device dev1 ats=off max_pasid=1024
alloc vm1 -> g1
bind dev0 g1 gpasid=101
dma dev0 g1
alloc vm1 min=70 -> g2
bind dev0 g2 mode=fl
mm proc
sva_bind dev1 proc -> p
free g1
`;
