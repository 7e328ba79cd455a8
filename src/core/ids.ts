/** Entry ids and "did you mean" suggestions. */

/** Ids are lowercase a-z0-9-, start with a letter, at most 63 characters. */
export const ID_PATTERN = /^[a-z][a-z0-9-]{0,62}$/;

export function explainId(id: string): string | undefined {
  if (ID_PATTERN.test(id)) return undefined;
  return `"${id}" is not a valid id; ids are lowercase letters, digits and "-", start with a letter, at most 63 characters (e.g. "checkout-outage-2026-03")`;
}

/** Levenshtein edit distance, bounded for speed by the caller's use on short ids. */
export function editDistance(a: string, b: string): number {
  const previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = previous[0];
    previous[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = previous[j];
      previous[j] = Math.min(previous[j] + 1, previous[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return previous[b.length];
}

/** The closest candidate when it is close enough to be a likely typo. */
export function closest(value: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const distance = editDistance(value, candidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  const tolerance = Math.max(2, Math.floor(value.length / 3));
  return bestDistance <= tolerance ? best : undefined;
}

/** ` Did you mean "x"?` or the empty string. */
export function didYouMean(value: string, candidates: Iterable<string>): string {
  const suggestion = closest(value, candidates);
  return suggestion ? ` Did you mean "${suggestion}"?` : '';
}

/** A URL-safe slug for tags and generated file names (may start with a digit). */
export function slugify(text: string): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63)
    .replace(/-+$/, '');
  return slug || 'untitled';
}

/** A slug that is also a valid entry id (starts with a letter), for new file names. */
export function idFromTitle(text: string): string {
  const slug = slugify(text);
  return /^[a-z]/.test(slug) ? slug : `x-${slug}`.slice(0, 63).replace(/-+$/, '');
}
