// The heatmap's own keys while it has focus (HeatmapCanvas onKeyDown), for the `?` sheet.
export const HEATMAP_KEYS: readonly (readonly [key: string, what: string])[] = [
  ['← → ↑ ↓', 'move the selected ID (the view follows)'],
  ['+ / −', 'zoom in / out'],
  ['0', 'fit the whole ID space'],
  ['U', 'zoom to the IDs in use'],
];
