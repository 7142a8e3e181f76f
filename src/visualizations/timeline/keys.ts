// The timeline's own keys while it has focus (TimelineCanvas onKeyDown), for the `?` sheet.
import type { ViewKeys } from '../viewKeys';

export const TIMELINE_KEYS: ViewKeys = [
  ['. / ,', 'next / previous mark on the lane, with its details'],
  ['↑ ↓', 'choose the lane'],
  ['← →', 'step forward / back'],
  ['Esc', 'clear the chosen mark'],
];
