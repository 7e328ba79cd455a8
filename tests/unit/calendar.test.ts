/** Release trains and PRD review sessions (src/core/calendar.ts). */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { nextOccurrence, nextTrain, occurrencesBetween, trainsBetween } from '../../src/core/calendar.ts';

const trains = { every: '14d', start: '2026-01-05' };
const reviews = { every: '14d', start: '2026-01-08' };

describe('release trains', () => {
  it('names trains by month and order of departure', () => {
    const list = trainsBetween(trains, '2026-11-01', '2026-12-31');
    assert.deepEqual(
      list.map((train) => [train.date, train.id]),
      [
        ['2026-11-09', '2026-11-a'],
        ['2026-11-23', '2026-11-b'],
        ['2026-12-07', '2026-12-a'],
        ['2026-12-21', '2026-12-b'],
      ],
    );
  });
  it('gives the third train of a month the letter c (2026-08-03, -17, -31)', () => {
    assert.deepEqual(
      trainsBetween(trains, '2026-08-01', '2026-08-31').map((train) => train.id),
      ['2026-08-a', '2026-08-b', '2026-08-c'],
    );
  });
  it('is periodic before its anchor: trains of December 2025 are 2025-12-08 (a) and 2025-12-22 (b), then 2026-01-05 (index 0)', () => {
    assert.deepEqual(trainsBetween(trains, '2025-12-01', '2026-01-10'), [
      { date: '2025-12-08', index: -2, id: '2025-12-a' },
      { date: '2025-12-22', index: -1, id: '2025-12-b' },
      { date: '2026-01-05', index: 0, id: '2026-01-a' },
    ]);
  });
  it('finds the next train on or after the as-of date', () => {
    assert.equal(nextTrain(trains, Date.parse('2026-11-28T12:00:00Z')).id, '2026-12-a');
    assert.equal(nextTrain(trains, Date.parse('2026-11-23T18:00:00Z')).id, '2026-11-b', 'a train departing today is the next one');
    assert.equal(nextTrain(trains, Date.parse('2026-11-24T00:00:00Z')).date, '2026-12-07');
  });
});

describe('PRD review sessions', () => {
  it('next session on or after 2026-11-28 is 2026-12-10', () => {
    assert.equal(nextOccurrence(reviews, '2026-11-28').date, '2026-12-10');
  });
  it('a session date is its own next session', () => {
    assert.equal(nextOccurrence(reviews, '2026-11-26').date, '2026-11-26');
    assert.equal(nextOccurrence(reviews, '2026-11-27').date, '2026-12-10');
  });
  it('before the anchor, sessions continue backwards: 2026-01-08 − 15 × 14 days = 2025-06-12', () => {
    // 2025-06-01 to 2026-01-08 is 221 days; ceil(−221 / 14) = −15, and 15 × 14 = 210 days before the anchor.
    assert.deepEqual(nextOccurrence(reviews, '2025-06-01'), { date: '2025-06-12', index: -15 });
    assert.deepEqual(
      occurrencesBetween(reviews, '2025-12-20', '2026-01-10').map((o) => o.date),
      ['2025-12-25', '2026-01-08'],
    );
  });
  it('lists sessions in an inclusive range', () => {
    assert.deepEqual(
      occurrencesBetween(reviews, '2026-11-26', '2026-12-24').map((o) => o.date),
      ['2026-11-26', '2026-12-10', '2026-12-24'],
    );
  });
  it('follows a weekly cadence written in weeks', () => {
    assert.deepEqual(
      occurrencesBetween({ every: '1w', start: '2026-01-08' }, '2026-01-09', '2026-01-22').map((o) => o.date),
      ['2026-01-15', '2026-01-22'],
    );
  });
  it('rejects a cadence that is not whole days', () => {
    assert.throws(() => nextOccurrence({ every: '36h', start: '2026-01-08' }, '2026-02-01'), /whole days/);
  });
});
