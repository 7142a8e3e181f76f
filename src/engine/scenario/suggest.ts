// "did you mean …?": the nearest known name by edit distance, for unknown verbs, names,
// keys and values.

const MAX_DISTANCE = 2;

/** Levenshtein distance, case-insensitive (so `Vm1` suggests `vm1`). */
export function editDistance(a: string, b: string): number {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  if (s === t) return 0;
  let prev = Array.from({ length: t.length + 1 }, (_, j) => j);
  for (let i = 1; i <= s.length; i++) {
    const cur = [i];
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      cur.push(Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost));
    }
    prev = cur;
  }
  return prev[t.length];
}

function isPrefixPair(a: string, b: string): boolean {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  return s.length > 0 && t.length > 0 && (s.startsWith(t) || t.startsWith(s));
}

/**
 * The closest candidate within edit distance 2 (and less than the word's length), or one that the word is a prefix of (or that
 * is a prefix of the word); ties go to the earlier candidate. Undefined when none is close.
 */
export function nearestName(word: string, candidates: Iterable<string>): string | undefined {
  // Edit distance is quadratic: a pasted megabyte "name" is not worth comparing.
  if (word.length > 256) return undefined;
  let best: string | undefined;
  let bestScore = Infinity;
  for (const c of candidates) {
    if (c === word || c.length > 256) continue;
    const d = editDistance(word, c);
    // A prefix match ranks after every real near miss, and closer prefixes first.
    // Rewriting every letter of a short word is no near miss ('x' is not close to 'mm').
    const close = d <= MAX_DISTANCE && d < word.length;
    const score = close ? d : isPrefixPair(word, c) ? MAX_DISTANCE + d : Infinity;
    if (score < bestScore) {
      best = c;
      bestScore = score;
    }
  }
  return best;
}

/** "; did you mean 'x'?" or "". */
export function didYouMean(word: string, candidates: Iterable<string>): string {
  const n = nearestName(word, candidates);
  return n === undefined ? '' : `; did you mean '${n}'?`;
}
