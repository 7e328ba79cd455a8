/** Checks of the quick literal tests (`hint`) that the lints' costly patterns run behind. */
import assert from 'node:assert/strict';

/**
 * Every sample text a hinted pattern matches passes its hint, and every hinted pattern matches
 * some sample (so the check is not vacuous).
 */
export function assertHintsLetMatchesThrough(
  patterns: readonly { id: string; pattern: RegExp; hint?: RegExp }[],
  texts: readonly string[],
): void {
  const hinted = patterns.filter((candidate) => candidate.hint);
  assert.ok(hinted.length > 0, 'some pattern has a quick test');
  for (const { id, pattern, hint } of hinted) {
    const matched = texts.filter((text) => new RegExp(pattern.source, pattern.flags).test(text));
    assert.ok(matched.length > 0, `${id} matches some sample`);
    for (const text of matched) assert.ok(hint!.test(text), `${id}: its quick test passes "${text}"`);
  }
}
