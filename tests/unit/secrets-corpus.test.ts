/**
 * Recall and false positives of the secret scan, measured on the corpus in
 * tests/fixtures/secrets: every positive is reported once, under its own pattern id, and no
 * negative is reported at all. The per-pattern recall is printed as test diagnostics.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { findSecrets, shapesFor } from '../../src/validation/lint/secrets.ts';

const CORPUS = new URL('../fixtures/secrets/', import.meta.url);

/** `[first column, second column]` of each sample line; `%%` (a prefix split) removed. */
function samples(file: string): [string, string][] {
  return readFileSync(new URL(file, CORPUS), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('#'))
    .map((line) => {
      const tab = line.indexOf('\t');
      assert.ok(tab > 0, `${file}: a sample line is "<label><TAB><text>": ${line}`);
      return [line.slice(0, tab), line.slice(tab + 1).replaceAll('%%', '')];
    });
}

const PUBLIC = shapesFor({ personalData: true, addresses: true });
const INTERNAL = shapesFor({});

describe('secret scan corpus', () => {
  test('recall: every positive is reported once, under its pattern id', (t) => {
    const positives = samples('positives.txt');
    const byRule = new Map<string, { total: number; caught: number }>();
    const missed: string[] = [];
    for (const [rule, text] of positives) {
      const found = findSecrets(text, PUBLIC);
      const caught = found.length === 1 && found[0].shape.id === rule;
      const tally = byRule.get(rule) ?? { total: 0, caught: 0 };
      tally.total++;
      if (caught) tally.caught++;
      else missed.push(`${rule}: ${JSON.stringify(found.map((f) => f.shape.id))} in ${text}`);
      byRule.set(rule, tally);
    }
    for (const [rule, { total, caught }] of [...byRule].sort(([a], [b]) => a.localeCompare(b))) {
      t.diagnostic(`recall ${rule}: ${caught}/${total}`);
    }
    const caughtAll = [...byRule.values()].reduce((sum, tally) => sum + tally.caught, 0);
    t.diagnostic(`recall overall: ${caughtAll}/${positives.length}`);
    assert.deepEqual(missed, []);
  });

  test('every pattern has at least one positive sample', () => {
    const labelled = new Set(samples('positives.txt').map(([rule]) => rule));
    assert.deepEqual(
      [...new Set(PUBLIC.map((shape) => shape.id))].filter((id) => !labelled.has(id)),
      [],
    );
  });

  test('false positives: no negative is reported', (t) => {
    const negatives = samples('negatives.txt');
    const reported: string[] = [];
    for (const [scope, text] of negatives) {
      assert.ok(scope === 'public' || scope === 'internal', `scope is public or internal: ${scope}`);
      for (const match of findSecrets(text, scope === 'public' ? PUBLIC : INTERNAL)) {
        reported.push(`${match.shape.id} "${match.value}" in ${text}`);
      }
    }
    t.diagnostic(`false positives: ${reported.length} on ${negatives.length} negative lines`);
    assert.deepEqual(reported, []);
  });
});
