// The heatmap's own keys while it has focus (HeatmapCanvas onKeyDown), for the `?` sheet.
import type { ViewKeys } from '../viewKeys';

export const HEATMAP_KEYS: ViewKeys = [
  ['← → ↑ ↓', 'move the selected ID (the view follows)'],
  ['+ / −', 'zoom in / out'],
  ['0', 'fit the whole ID space'],
  ['U', 'zoom to the IDs in use'],
];
