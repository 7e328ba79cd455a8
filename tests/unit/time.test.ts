/**
 * The rules of src/core/time.ts that keep `check` and `build` in agreement: whatever validation
 * accepts, `Date`, `toISOString` and the formatters handle; whatever they cannot handle,
 * validation rejects with a message.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  addDays,
  dayStart,
  durationMinutes,
  explainCadenceStep,
  explainDate,
  explainDateTime,
  explainDuration,
  instant,
  isoDate,
  MAX_DURATION_MINUTES,
} from '../../src/core/time.ts';
import { formatInstant } from '../../src/core/presentation.ts';

describe('datetimes', () => {
  test('offsets up to ±23:59 parse; beyond, the message gives the rule', () => {
    assert.equal(explainDateTime('2026-03-02T00:00:00+14:00'), undefined);
    assert.equal(explainDateTime('2026-03-02T00:00:00-12:00'), undefined);
    assert.equal(explainDateTime('2026-03-02T00:00:00+23:59'), undefined);
    // 2026-03-02T00:00+23:59 = 2026-03-01T00:01Z
    assert.equal(instant('2026-03-02T00:00:00+23:59'), Date.UTC(2026, 2, 1, 0, 1));
    for (const offset of ['+24:00', '+25:00', '-24:30', '+05:60']) {
      assert.equal(
        explainDateTime(`2026-03-02T00:00:00${offset}`),
        `"2026-03-02T00:00:00${offset}" has the UTC offset ${offset}, which no clock uses; an offset is Z or ±hh:mm with hours 00–23 and minutes 00–59 (real time zones run from -12:00 to +14:00)`,
      );
    }
  });

  test('years 0001 to 9999 are valid and survive toISOString and formatting', () => {
    assert.equal(explainDateTime('0001-01-01T00:00:00Z'), undefined);
    assert.equal(explainDateTime('9999-12-31T23:59:59Z'), undefined);
    assert.equal(explainDate('0001-01-01'), undefined);
    assert.equal(explainDate('0099-02-28'), undefined, 'years below 100 are not read as 19xx');
    assert.equal(explainDate('0004-02-29'), undefined, 'year 4 is a leap year in the proleptic Gregorian calendar');
    assert.equal(explainDate('0100-02-29'), '"0100-02-29" is not a real calendar date');
    // 0001-01-01T00:00+14:00 is 0000-12-31T10:00Z: still four digits in UTC.
    assert.equal(formatInstant('0001-01-01T00:00:00+14:00'), '0000-12-31 10:00 UTC');
    assert.equal(formatInstant('9999-12-31T11:59:00-12:00'), '9999-12-31 23:59 UTC');
    assert.equal(isoDate(dayStart('0001-01-01')), '0001-01-01');
    assert.equal(addDays('0001-01-01', 365), '0002-01-01');
    assert.equal(addDays('9999-12-30', 1), '9999-12-31');
  });

  test('year 0000 and instants after 9999 in UTC are rejected', () => {
    assert.equal(explainDate('0000-06-01'), '"0000-06-01" has the year 0000; years run from 0001 to 9999');
    assert.equal(explainDateTime('0000-06-01T00:00:00Z'), '"0000-06-01T00:00:00Z" has the year 0000; years run from 0001 to 9999');
    assert.equal(
      explainDateTime('9999-12-31T12:00:00-12:00'),
      '"9999-12-31T12:00:00-12:00" is +010000-01-01T00:00:00.000Z in UTC, after 9999-12-31T23:59:59Z, the last instant the site can show; years run from 0001 to 9999 in UTC too',
    );
  });

  test('a derived date after 9999 keeps its whole date part', () => {
    assert.equal(isoDate(Date.parse('9999-12-31T00:00:00Z') + 5 * 86_400_000), '+010000-01-05');
  });
});

describe('durations', () => {
  test('a period of 0 is rejected in every unit', () => {
    for (const value of ['0d', '0m', '0h', '0w', '0.0d']) {
      assert.equal(explainDuration(value), `"${value}" is 0 minutes long; a window or period must be longer than 0, e.g. "30d"`);
    }
    assert.equal(explainDuration('0.5m'), undefined);
    assert.equal(durationMinutes('0.5m'), 0.5);
  });

  test('at most 100 years: 36500d = 52,560,000 minutes', () => {
    assert.equal(MAX_DURATION_MINUTES, 52_560_000);
    assert.equal(explainDuration('36500d'), undefined);
    assert.equal(explainDuration('5214w'), undefined); // 36,498 days
    assert.equal(explainDuration('5215w'), '"5215w" is longer than 100 years; write at most "36500d" (dates further out cannot be shown)');
    assert.equal(explainDuration('1e3d'), '"1e3d" is not a duration; write <number><unit> with unit m, h, d or w, e.g. "30d" or "4h"');
  });

  test('a cadence is whole days or weeks, above 0', () => {
    assert.equal(explainCadenceStep('14d'), undefined);
    assert.equal(explainCadenceStep('2w'), undefined);
    assert.equal(explainCadenceStep('48h'), undefined);
    assert.equal(explainCadenceStep('36h'), '"36h" is not whole days or weeks; a cadence falls on dates, so write e.g. "14d" or "2w"');
    assert.equal(explainCadenceStep('0d'), '"0d" is 0 minutes long; a window or period must be longer than 0, e.g. "30d"');
  });
});
