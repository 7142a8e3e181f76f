// Fakes for the explorer UI tests: a pool whose runs the test finishes by hand, and a fake
// Worker the real pool drives (its posted requests are recorded; the test replies).
import type { ExploreJob, ExploreOutcome, ExplorePool, ExploreRun, WorkerLike } from '../../../src/ui/explore/explorePool';
import type { ExploreReply, ExploreRequest } from '../../../src/worker/exploreProtocol';

export interface FakeRun extends ExploreRun {
  job: ExploreJob;
  finish(o: ExploreOutcome): void;
  fail(e: Error): void;
  cancelled: boolean;
}

export function fakePool(): ExplorePool & { runs: FakeRun[] } {
  const runs: FakeRun[] = [];
  return {
    runs,
    start(job) {
      let finish!: (o: ExploreOutcome) => void;
      let fail!: (e: Error) => void;
      const done = new Promise<ExploreOutcome>((res, rej) => {
        finish = res;
        fail = rej;
      });
      const run: FakeRun = {
        job,
        done,
        finish,
        fail,
        cancelled: false,
        cancel() {
          run.cancelled = true;
          finish({ report: { schedules: 1, states: 2, transitions: 3, complete: false, violations: [], elapsedMs: 5 }, cancelled: true, lostKinds: [], workers: 2, maxStates: job.maxStates });
        },
      };
      runs.push(run);
      return run;
    },
  };
}

export class FakeWorker implements WorkerLike {
  posted: ExploreRequest[] = [];
  terminated = false;
  onmessage: ((e: MessageEvent) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  postMessage(m: ExploreRequest): void {
    this.posted.push(m);
  }
  terminate(): void {
    this.terminated = true;
  }
  reply(m: ExploreReply | unknown): void {
    this.onmessage?.({ data: m } as MessageEvent);
  }
}
