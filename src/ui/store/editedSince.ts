// Whether the editor text has changed since it was `text`: an offer to put older text back
// (Undo replay, Undo import, Back to my work) is withdrawn then, since it would lose the edits.
import { useLab } from './labStore';

/** False while `text` is undefined (nothing offered). */
export function useEditedSince(text: string | undefined): boolean {
  return useLab((s) => text !== undefined && s.text !== text);
}
