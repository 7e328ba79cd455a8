/** Calendar-aligned SLO windows (src/core/windows.ts, src/core/zones.ts), with hand-counted minutes. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { budgetMinutes, sloBudget, type IncidentForBudget } from '../../src/core/budgets.ts';
import { calendarPeriod, explainWindow, resolveWindow, windowKind, windowLabel } from '../../src/core/windows.ts';
import { explainTimeZone, localTime, zonedDayStart, zoneName, zoneOffsetMs } from '../../src/core/zones.ts';

const at = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString();
const NY = 'America/New_York';

function incident(id: string, started: string, mitigated: string, charge: { minutes?: number; fraction?: number } = {}): IncidentForBudget {
  return { id, timeline: { started, detected: started, mitigated, resolved: mitigated }, impact: { slos: [{ slo: 's', ...charge }] } };
}

describe('zones', () => {
  it('reads offsets from Intl: New York is UTC−4 in summer, UTC−5 in winter', () => {
    assert.equal(zoneOffsetMs(at('2026-07-01T12:00:00Z'), NY), -4 * 3_600_000);
    assert.equal(zoneOffsetMs(at('2026-12-01T12:00:00Z'), NY), -5 * 3_600_000);
    assert.equal(zoneOffsetMs(at('2026-12-01T12:00:00Z'), 'Asia/Kolkata'), 5.5 * 3_600_000);
  });
  it('finds local midnight, and the first instant of a day whose midnight a DST change skips', () => {
    assert.equal(iso(zonedDayStart(2026, 11, 1, NY)), '2026-11-01T04:00:00.000Z', 'midnight EDT (the change is at 02:00)');
    assert.equal(iso(zonedDayStart(2026, 11, 2, NY)), '2026-11-02T05:00:00.000Z', 'midnight EST');
    // Chile moves its clocks from 00:00 to 01:00 on 2026-09-06: that day begins at 01:00 −03:00.
    assert.equal(iso(zonedDayStart(2026, 9, 6, 'America/Santiago')), '2026-09-06T04:00:00.000Z');
    assert.equal(iso(zonedDayStart(2026, 13, 1, 'UTC')), '2027-01-01T00:00:00.000Z', 'month 13 is January of the next year');
  });
  it('reads UTC wall-clock time as Intl does, from year 1 to 9999', () => {
    // "Etc/UTC" is the same zone under another name: read through Intl.
    const instants = [
      Date.UTC(1, 0, 1),
      Date.UTC(999, 11, 31, 23, 59, 59),
      at('1970-01-01T00:00:00Z') - 1000,
      at('2024-02-29T23:59:59Z'),
      at('2026-11-29T00:00:00Z'),
      Date.UTC(9999, 11, 31, 23, 59, 59),
      ...Array.from({ length: 200 }, (_, index) => at('2020-01-01T00:00:00Z') + index * 7_919_000_777),
    ];
    for (const ms of instants) assert.deepEqual(localTime(ms, 'UTC'), localTime(ms, 'Etc/UTC'), new Date(ms).toISOString());
  });
  it('validates zone names with Intl and names them for readers', () => {
    assert.equal(explainTimeZone('Europe/Berlin'), undefined);
    assert.equal(
      explainTimeZone('America/NewYork'),
      '"America/NewYork" is not an IANA time zone name; write e.g. "UTC", "Europe/Berlin" or "America/New_York"',
    );
    assert.equal(zoneName(NY), 'New York time');
    assert.equal(zoneName('UTC'), 'UTC');
    assert.equal(zoneName('America/Argentina/Buenos_Aires'), 'Buenos Aires time');
  });
});

describe('calendar periods', () => {
  it('a 28-day month: February 2026 (UTC) has 28 × 1440 = 40,320 minutes; 99.9% leaves 40.32', () => {
    const window = resolveWindow({ window: 'calendar-month' }, at('2026-02-14T09:00:00Z'));
    assert.deepEqual(
      [iso(window.start), iso(window.end), window.minutes],
      ['2026-02-01T00:00:00.000Z', '2026-03-01T00:00:00.000Z', 40_320],
    );
    assert.equal(budgetMinutes({ objective: 99.9, window: 'calendar-month' }, at('2026-02-14T09:00:00Z')), 40.32);
  });
  it('a 30-day month: November 2026 has 43,200 minutes in UTC, 43,260 in New York (clocks go back an hour on 1 November)', () => {
    assert.equal(resolveWindow({ window: 'calendar-month' }, at('2026-11-28T12:00:00Z')).minutes, 43_200);
    const ny = resolveWindow({ window: 'calendar-month', timeZone: NY }, at('2026-11-28T12:00:00Z'));
    // 1 Nov 00:00 EDT (04:00Z) to 1 Dec 00:00 EST (05:00Z): 30 days and one hour.
    assert.deepEqual([iso(ny.start), iso(ny.end), ny.minutes], ['2026-11-01T04:00:00.000Z', '2026-12-01T05:00:00.000Z', 30 * 1440 + 60]);
    assert.equal(budgetMinutes({ objective: 99.9, window: 'calendar-month' }, at('2026-11-28T12:00:00Z')), 43.2);
    assert.equal(budgetMinutes({ objective: 99.9, window: 'calendar-month', timeZone: NY }, at('2026-11-28T12:00:00Z')), 43.26);
  });
  it('a 31-day month: December 2026 has 44,640 minutes; 99.9% leaves 44.64, 99.5% leaves 223.2', () => {
    assert.equal(resolveWindow({ window: 'calendar-month' }, at('2026-12-31T23:59:00Z')).minutes, 44_640);
    assert.equal(budgetMinutes({ objective: 99.9, window: 'calendar-month' }, at('2026-12-01T00:00:00Z')), 44.64);
    assert.equal(budgetMinutes({ objective: 99.5, window: 'calendar-month' }, at('2026-12-15T00:00:00Z')), 223.2);
  });
  it('the period is local: 2026-12-01T03:00Z is still November in New York', () => {
    const period = calendarPeriod('calendar-month', NY, at('2026-12-01T03:00:00Z'));
    assert.equal(iso(period.start), '2026-11-01T04:00:00.000Z');
  });
  it('a quarter: Q4 2026 has 31 + 30 + 31 = 92 days = 132,480 minutes in UTC, 60 more in New York', () => {
    const utc = resolveWindow({ window: 'calendar-quarter' }, at('2026-11-28T12:00:00Z'));
    assert.deepEqual([iso(utc.start), iso(utc.end), utc.minutes], ['2026-10-01T00:00:00.000Z', '2027-01-01T00:00:00.000Z', 132_480]);
    assert.equal(budgetMinutes({ objective: 99.9, window: 'calendar-quarter' }, at('2026-11-28T12:00:00Z')), 132.48);
    assert.equal(resolveWindow({ window: 'calendar-quarter', timeZone: NY }, at('2026-11-28T12:00:00Z')).minutes, 132_540);
    assert.equal(iso(calendarPeriod('calendar-quarter', 'UTC', at('2026-03-31T23:59:59Z')).start), '2026-01-01T00:00:00.000Z');
  });
  it('weeks start on Monday 00:00; a New York week across a DST change has 10,140 or 10,020 minutes', () => {
    // Clocks go back on Sunday 2026-11-01: the week Mon 26 Oct – Mon 2 Nov has 7 × 1440 + 60.
    const autumn = resolveWindow({ window: 'calendar-week', timeZone: NY }, at('2026-11-01T12:00:00Z'));
    assert.deepEqual(
      [iso(autumn.start), iso(autumn.end), autumn.minutes],
      ['2026-10-26T04:00:00.000Z', '2026-11-02T05:00:00.000Z', 10_140],
    );
    // Clocks go forward on Sunday 2026-03-08: the week Mon 2 – Mon 9 March has 7 × 1440 − 60.
    const spring = resolveWindow({ window: 'calendar-week', timeZone: NY }, at('2026-03-08T12:00:00Z'));
    assert.deepEqual(
      [iso(spring.start), iso(spring.end), spring.minutes],
      ['2026-03-02T05:00:00.000Z', '2026-03-09T04:00:00.000Z', 10_020],
    );
    // The weeks after each change are ordinary: 10,080.
    assert.equal(resolveWindow({ window: 'calendar-week', timeZone: NY }, at('2026-11-04T12:00:00Z')).minutes, 10_080);
    assert.equal(resolveWindow({ window: 'calendar-week', timeZone: NY }, at('2026-03-09T12:00:00Z')).minutes, 10_080);
    // 99.9% of 10,140 = 10.14; of 10,020 = 10.02.
    assert.equal(budgetMinutes({ objective: 99.9, window: 'calendar-week', timeZone: NY }, at('2026-11-01T12:00:00Z')), 10.14);
    assert.equal(budgetMinutes({ objective: 99.9, window: 'calendar-week', timeZone: NY }, at('2026-03-08T12:00:00Z')), 10.02);
  });
  it('a Sunday belongs to the week that began the Monday before', () => {
    assert.equal(iso(calendarPeriod('calendar-week', 'UTC', at('2026-11-29T23:00:00Z')).start), '2026-11-23T00:00:00.000Z');
    assert.equal(iso(calendarPeriod('calendar-week', 'UTC', at('2026-11-30T00:00:00Z')).start), '2026-11-30T00:00:00.000Z');
  });
});

describe('calendar budgets', () => {
  const target = { objective: 99.9, window: 'calendar-month', timeZone: NY };
  const NOW = at('2026-11-28T12:00:00Z');
  it('counts from the period start to the as-of instant: a charge straddling the start counts its part inside', () => {
    // November starts 2026-11-01T04:00Z in New York: of 03:30Z → 04:30Z, 30 minutes are inside.
    // A charge of October (in New York) counts nothing; one on 20 November counts 12.
    const report = sloBudget(
      's',
      target,
      [
        incident('straddle', '2026-11-01T03:30:00Z', '2026-11-01T04:30:00Z'),
        incident('october', '2026-11-01T03:00:00Z', '2026-11-01T03:59:00Z'),
        incident('later', '2026-11-20T10:00:00Z', '2026-11-20T10:12:00Z'),
      ],
      NOW,
      75,
    );
    assert.deepEqual(
      report.charges.map((charge) => [charge.postmortem, charge.badMinutes]),
      [
        ['straddle', 30],
        ['later', 12],
      ],
    );
    assert.equal(report.budgetMinutes, 43.26);
    assert.equal(report.consumedMinutes, 42);
    // 42 / 43.26 = 97.087379%: at risk, not exhausted.
    assert.equal(report.consumedPercent, 97.087379);
    assert.equal(report.status, 'at-risk');
    assert.deepEqual(
      [iso(report.windowStart), iso(report.windowEnd), iso(report.asOf), report.windowKind],
      ['2026-11-01T04:00:00.000Z', '2026-12-01T05:00:00.000Z', '2026-11-28T12:00:00.000Z', 'calendar'],
    );
  });
  it('prorates a minutes charge straddling the period start; in UTC the same charge lies wholly inside', () => {
    // 03:00Z → 05:00Z is 120 minutes; 04:00Z → 05:00Z (60) lie in November, New York time: 10 × 60/120 = 5.
    const charge = incident('m', '2026-11-01T03:00:00Z', '2026-11-01T05:00:00Z', { minutes: 10 });
    assert.equal(sloBudget('s', target, [charge], NOW, 75).consumedMinutes, 5);
    assert.equal(sloBudget('s', { objective: 99.9, window: 'calendar-month' }, [charge], NOW, 75).consumedMinutes, 10);
  });
  it('does not count bad time after the as-of instant, though the period goes on', () => {
    const report = sloBudget('s', target, [incident('x', '2026-11-28T11:00:00Z', '2026-11-28T14:00:00Z')], NOW, 75);
    assert.equal(report.consumedMinutes, 60);
  });
});

describe('window labels and validation', () => {
  it('names a calendar window by its period and zone, a rolling one by its duration', () => {
    const now = at('2026-11-28T12:00:00Z');
    assert.equal(windowLabel({ window: 'calendar-month', timeZone: NY }, now), 'November 2026 (calendar month, New York time)');
    assert.equal(windowLabel({ window: 'calendar-quarter' }, now), 'Q4 2026 (calendar quarter, UTC)');
    assert.equal(
      windowLabel({ window: 'calendar-week', timeZone: NY }, at('2026-11-01T12:00:00Z')),
      'week of 26 October 2026 (calendar week, New York time)',
    );
    assert.equal(windowLabel({ window: '30d' }, now), '30d, rolling');
    assert.equal(windowKind({ window: 'calendar-month', timeZone: NY }), 'calendar month, New York time');
    assert.equal(windowKind({ window: '28d' }), '28d rolling');
  });
  it('accepts durations and the three calendar windows, and says what is valid otherwise', () => {
    for (const ok of ['30d', '4w', '90m', 'calendar-week', 'calendar-month', 'calendar-quarter'])
      assert.equal(explainWindow(ok), undefined, ok);
    assert.equal(
      explainWindow('calendar-year'),
      '"calendar-year" is not an SLO window; write a rolling duration <number><unit> with unit m, h, d or w (e.g. "30d" or "4w"), or one of calendar-week, calendar-month, calendar-quarter',
    );
  });
});
