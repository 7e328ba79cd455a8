/**
 * Work done once per list, and searches in lists kept in order. The model's lists (incidents,
 * postmortems) are made once per content version and never changed; the policies and the pages
 * ask the same question of one list thousands of times (a budget for every day of a year, the
 * similar incidents of every incident in a review pack), so what such a question needs of the
 * whole list is made on first use and kept while the list lives.
 */

/**
 * `build` of a list, made on its first use and kept while the list lives. A list that grew or
 * shrank since is built again (the model's lists are not changed once made; tests may change one).
 */
export function oncePerList<T, R>(build: (list: readonly T[]) => R): (list: readonly T[]) => R {
  const made = new WeakMap<readonly T[], { length: number; result: R }>();
  return (list) => {
    let entry = made.get(list);
    if (!entry || entry.length !== list.length) made.set(list, (entry = { length: list.length, result: build(list) }));
    return entry.result;
  };
}

/**
 * The first position in `sorted` (ascending by `key`) whose key is at least `at`, or with
 * `after`, more than `at`; `sorted.length` when there is none. Binary search.
 */
export function firstPosition<T>(sorted: readonly T[], key: (item: T) => number, at: number, after = false): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    const value = key(sorted[middle]);
    if (value < at || (after && value === at)) low = middle + 1;
    else high = middle;
  }
  return low;
}
