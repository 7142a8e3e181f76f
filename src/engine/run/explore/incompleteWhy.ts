// Why a search is incomplete, in words for the CLI report and the explorer dialog: the state
// budget ran out, or schedules were cut at the step limit (a run longer than the explorer
// follows), or both.
import { EXPLORE_MAX_STEPS, type ExploreReport } from './explorer';

/** `budget`: the state budget as the caller prints it; `noun`: what the caller calls it (the CLI: SPEC §7's "bound"). */
export function incompleteWhy(r: Pick<ExploreReport, 'cut' | 'halted'>, budget: string, noun: 'bound' | 'budget'): string {
  const why: string[] = [];
  if (r.cut) why.push(`${r.cut.toLocaleString('en-US')} schedule${r.cut === 1 ? ' was' : 's were'} cut at the limit of ${EXPLORE_MAX_STEPS.toLocaleString('en-US')} steps per schedule`);
  if (r.halted === 'full') why.push('the visited table was full');
  else if (r.halted === 'budget' || !r.cut) why.push(`the ${noun} of ${budget} states stopped the search`);
  return why.join(', and ');
}
