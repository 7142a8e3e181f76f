// The colour of a set, shared by every view so a set reads the same in heatmap, bars and timeline.
import { ID_COLOUR_CLASSES } from '../engine/idstate';
import { CLASS_COLOURS } from './heatmap/palette';

export function setColour(sid: number): string {
  if (sid < 0) return 'var(--viz-muted)';
  return CLASS_COLOURS[(sid % ID_COLOUR_CLASSES) % CLASS_COLOURS.length];
}
