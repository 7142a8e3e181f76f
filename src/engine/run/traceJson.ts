// Builds the trace document of SPEC §6 from a recorder and the final kernel state.

import { resultName } from '../errno';
import { ID_FREE_PENDING } from '../idstate';
import type { Kernel } from '../kernel/kernel';
import type { ModelConfig } from '../model';
import type { TraceDocument, TraceFinal, TraceStep } from '../trace';
import type { ExpectationLog } from './expectations';
import type { CompiledProgram } from './program';
import type { Recorder } from './recorder';

export function stepText(program: CompiledProgram, rec: Recorder, i: number): string {
  const stmt = rec.stmt.get(i);
  if (stmt < 0) return rec.labels.get(i) ?? '';
  const st = program.stmts[stmt];
  // A note's `text` is its caption; `source` is the statement as written.
  return st.source ?? st.text;
}

export function traceStep(program: CompiledProgram, rec: Recorder, i: number): TraceStep {
  const v = rec.step(i);
  const step: TraceStep = {
    index: i,
    line: v.line,
    thread: v.thread,
    context: v.context,
    text: stepText(program, rec, i),
    result: v.result,
    resultName: resultName(v.result),
    warnings: v.warnings,
    deliveries: v.deliveries,
    violations: v.violations,
  };
  if (v.note !== undefined) step.note = v.note;
  return step;
}

export function finalState(k: Kernel): TraceFinal {
  const s = k.state;
  const ids: TraceFinal['ids'] = [];
  for (let id = s.alloc.nextUsed(0); id >= 0; id = s.alloc.nextUsed(id + 1)) {
    ids.push({ id, set: s.sets.nameOfSid(s.ids.sid[id]), state: s.ids.state[id] === ID_FREE_PENDING ? 'free_pending' : 'active', refs: s.ids.refs[id] });
  }
  const entries: TraceFinal['entries'] = [];
  for (const dev of s.vtd.devices()) {
    for (const id of dev.table.presentIds()) {
      const e = dev.table.entry(id)!;
      entries.push({ device: dev.name, id, pgtt: e.pgtt, did: e.did });
    }
  }
  return {
    capacity: s.capacity,
    available: s.avail,
    allocated: s.alloc.count,
    sets: [...s.sets.bySid.values()].sort((a, b) => a.sid - b.sid).map((x) => ({ name: x.name, sid: x.sid, quota: x.quota, used: x.used })),
    ids,
    entries,
  };
}

export function buildTrace(title: string, model: ModelConfig, program: CompiledProgram, rec: Recorder, k: Kernel, expectations: ExpectationLog): TraceDocument {
  const steps: TraceStep[] = [];
  for (let i = 0; i < rec.stepCount; i++) steps.push(traceStep(program, rec, i));
  return {
    version: 1,
    title,
    model: { lock: model.lock, chain: model.chain, alloc: model.alloc, free: model.free, cleanup: model.cleanup },
    steps,
    deliveries: rec.deliveries.slice(0),
    violations: rec.violations,
    expectations: { passed: expectations.passed, failed: expectations.failed, failures: expectations.failures },
    final: finalState(k),
  };
}
