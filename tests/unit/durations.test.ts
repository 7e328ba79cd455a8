/** Incident durations (src/core/durations.ts) and time helpers, across UTC offsets. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { formatMinutes, incidentDurations } from '../../src/core/durations.ts';
import { median, minutesBetween, percentile } from '../../src/core/time.ts';

describe('incidentDurations', () => {
  it('derives detect, acknowledge, mitigate and resolve as the contract defines them', () => {
    assert.deepEqual(
      incidentDurations({
        started: '2026-11-14T09:12:00Z',
        detected: '2026-11-14T09:16:00Z',
        acknowledged: '2026-11-14T09:19:00Z',
        mitigated: '2026-11-14T09:50:00Z',
        resolved: '2026-11-14T11:40:00Z',
      }),
      { toDetectMinutes: 4, toAcknowledgeMinutes: 3, toMitigateMinutes: 38, toResolveMinutes: 148 },
    );
  });
  it('is correct across mixed offsets: started 10:00+01:00, mitigated 09:30Z = 30 minutes', () => {
    const durations = incidentDurations({
      started: '2026-03-02T10:00:00+01:00',
      detected: '2026-03-02T04:10:00-05:00', // 09:10Z
      acknowledged: '2026-03-02T09:15:00Z',
      mitigated: '2026-03-02T09:30:00Z',
      resolved: '2026-03-02T11:00:00+01:00', // 10:00Z
    });
    assert.deepEqual(durations, { toDetectMinutes: 10, toAcknowledgeMinutes: 5, toMitigateMinutes: 30, toResolveMinutes: 60 });
  });
  it('crosses a date line and a DST change without drifting (offsets are explicit)', () => {
    // 23:30+02:00 on 2026-10-24 is 21:30Z; 00:30+01:00 on 2026-10-26 is 23:30Z on the 25th: 26 h.
    assert.equal(minutesBetween('2026-10-24T23:30:00+02:00', '2026-10-26T00:30:00+01:00'), 26 * 60);
  });
  it('leaves out what the timeline does not have yet', () => {
    const durations = incidentDurations({ started: '2026-11-27T10:00:00Z', detected: '2026-11-27T10:45:00Z' });
    assert.deepEqual(durations, { toDetectMinutes: 45 });
    assert.equal('toMitigateMinutes' in durations, false);
  });
  it('keeps fractional minutes from seconds', () => {
    assert.equal(incidentDurations({ started: '2026-01-01T00:00:00Z', detected: '2026-01-01T00:01:30Z' }).toDetectMinutes, 1.5);
  });
});

describe('median and percentile', () => {
  it('median averages the middle pair of an even list and takes the middle of an odd one', () => {
    assert.equal(median([4, 1, 3, 2]), 2.5);
    assert.equal(median([5, 1, 3]), 3);
    assert.equal(median([]), undefined);
  });
  it('p90 is the nearest rank: ceil(0.9 × n)-th smallest', () => {
    assert.equal(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90), 9);
    assert.equal(percentile([30, 10, 20], 90), 30);
    assert.equal(percentile([7], 90), 7);
  });
});

describe('formatMinutes', () => {
  it('reads as people write durations', () => {
    assert.equal(formatMinutes(45), '45 min');
    assert.equal(formatMinutes(185), '3 h 5 min');
    assert.equal(formatMinutes(3120), '2 d 4 h');
    assert.equal(formatMinutes(undefined), '—');
  });
});
