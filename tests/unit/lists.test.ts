/** Work done once per list, and the first position at or after a value in a sorted list. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { firstPosition, oncePerList } from '../../src/core/lists.ts';

test('a list is built once while it lives, and again when it has grown or shrunk', () => {
  let builds = 0;
  const total = oncePerList((list: readonly number[]) => {
    builds++;
    return list.reduce((sum, value) => sum + value, 0);
  });
  const list = [1, 2, 3];
  assert.equal(total(list), 6);
  assert.equal(total(list), 6);
  assert.equal(builds, 1);
  assert.equal(total([1, 2, 3]), 6, 'another list with the same items is another list');
  assert.equal(builds, 2);
  list.push(4);
  assert.equal(total(list), 10);
  list.pop();
  assert.equal(total(list), 6);
  assert.equal(builds, 4);
});

test('the first position at or after a value, or after it', () => {
  const sorted = [{ at: 1 }, { at: 3 }, { at: 3 }, { at: 7 }];
  const at = (item: { at: number }) => item.at;
  assert.equal(firstPosition(sorted, at, 0), 0);
  assert.equal(firstPosition(sorted, at, 3), 1);
  assert.equal(firstPosition(sorted, at, 3, true), 3);
  assert.equal(firstPosition(sorted, at, 4), 3);
  assert.equal(firstPosition(sorted, at, 7, true), 4);
  assert.equal(firstPosition(sorted, at, 8), 4);
  assert.equal(firstPosition([], at, 1), 0);
});
