/*
 * BuildKit's "did you mean" (util/suggest): the first option closest to the value, within an edit
 * distance under 3; none when the value is itself an option.
 */

export function suggest(value: string, options: Iterable<string>, caseSensitive = true): string {
  const wanted = caseSensitive ? value : value.toLowerCase();
  let match = '';
  let best = 3;
  for (const option of options) {
    const candidate = caseSensitive ? option : option.toLowerCase();
    if (candidate === wanted) return '';
    const distance = levenshtein(wanted, candidate);
    if (distance < best) {
      match = caseSensitive ? option : matchCase(candidate, value);
      best = distance;
    }
  }
  return match;
}

function matchCase(option: string, original: string): string {
  if (original === original.toLowerCase()) return option.toLowerCase();
  if (original === original.toUpperCase()) return option.toUpperCase();
  return option;
}

/** Edit distance over code points (insert, delete, substitute: 1 each). */
function levenshtein(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  let previous = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const current = [i];
    for (let j = 1; j <= y.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[y.length]!;
}
