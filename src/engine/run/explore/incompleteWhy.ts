// Why a search is incomplete, in words for the CLI report and the explorer dialog: the state
// budget ran out, the shared visited table was full, or schedules were cut at the step limit
// (a run longer than the explorer follows); a cut may come with either of the others.
import { EXPLORE_MAX_STEPS, type ExploreReport } from './explorer';

export type IncompleteReason = 'cut' | 'full' | 'budget';

/** The reasons, in the order they are told. A report with none of them says the budget. */
export function incompleteReasons(r: Pick<ExploreReport, 'cut' | 'halted'>): IncompleteReason[] {
  const why: IncompleteReason[] = [];
  if (r.cut) why.push('cut');
  if (r.halted === 'full') why.push('full');
  else if (r.halted === 'budget' || !r.cut) why.push('budget');
  return why;
}

/** `budget`: the state budget as the caller prints it; `noun`: what the caller calls it (the CLI: SPEC §7's "bound"). */
export function incompleteWhy(r: Pick<ExploreReport, 'cut' | 'halted'>, budget: string, noun: 'bound' | 'budget'): string {
  const say: Record<IncompleteReason, string> = {
    cut: `${(r.cut ?? 0).toLocaleString('en-US')} schedule${r.cut === 1 ? ' was' : 's were'} cut at the limit of ${EXPLORE_MAX_STEPS.toLocaleString('en-US')} steps per schedule`,
    full: 'the visited table was full',
    budget: `the ${noun} of ${budget} states stopped the search`,
  };
  return incompleteReasons(r).map((x) => say[x]).join(', and ');
}
