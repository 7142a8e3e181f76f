// The timeline's own keys while it has focus (TimelineCanvas onKeyDown), for the `?` sheet.
export const TIMELINE_KEYS: readonly (readonly [key: string, what: string])[] = [
  ['. / ,', 'next / previous mark on the lane, with its details'],
  ['↑ ↓', 'choose the lane'],
  ['← →', 'step forward / back'],
  ['Esc', 'clear the chosen mark'],
];
