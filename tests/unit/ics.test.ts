/**
 * `/calendar.ics`: valid iCalendar (CRLF, lines folded at 75 octets, escaped TEXT), stable UIDs,
 * DTSTAMP from the as-of instant, trains and review sessions over the window, and only what the
 * audience may see in the descriptions.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { calendar, calendarEvents, escapeText, foldLine, teamCalendar } from '../../src/outputs/ics.ts';
import { readEnvironment } from '../../src/build/env.ts';
import { loadHandbook } from '../../src/build/load.ts';
import { listValue, parseIcal, physicalLines, prop, unescapeText, type IcalComponent } from '../support/ical.ts';
import { PRD_TITLE, RELEASE_TITLE, sharingModel } from './support/sharing.ts';

const root = join(import.meta.dirname, '..', '..');
const events = (ics: string) => parseIcal(ics).components.filter((component) => component.name === 'VEVENT');
const byUid = (list: IcalComponent[], uid: string) => list.find((event) => prop(event, 'UID') === uid);

test('the strict reader rejects what RFC 5545 does not allow', () => {
  assert.throws(() => parseIcal('BEGIN:VCALENDAR\nEND:VCALENDAR\n'), /CR|CRLF/);
  assert.throws(() => parseIcal(`BEGIN:VCALENDAR\r\nX-LONG:${'x'.repeat(80)}\r\nEND:VCALENDAR\r\n`), /octets/);
  assert.throws(() => parseIcal('BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:a;b\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n'), /unescaped/);
  assert.throws(() => parseIcal('BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nEND:VCALENDAR\r\n'), /closes/);
  assert.equal(unescapeText('a\\;b\\,c\\\\d\\ne'), 'a;b,c\\d\ne');
});

test('the calendar is valid iCalendar with the required properties', () => {
  const ics = calendar(sharingModel('internal'));
  assert.ok(ics.endsWith('\r\n'));
  assert.ok(!/[^\r]\n/.test(ics), 'every line ends with CRLF');
  const cal = parseIcal(ics);
  assert.equal(cal.name, 'VCALENDAR');
  assert.equal(prop(cal, 'VERSION'), '2.0');
  assert.match(prop(cal, 'PRODID')!, /^-\/\/Almanac\/\//);
  assert.equal(prop(cal, 'CALSCALE'), 'GREGORIAN');
  const list = events(ics);
  assert.ok(list.length > 20);
  for (const event of list) {
    for (const name of ['UID', 'DTSTAMP', 'DTSTART', 'DTEND', 'SUMMARY']) assert.ok(prop(event, name), `${prop(event, 'UID')} has ${name}`);
    assert.equal(prop(event, 'DTSTAMP'), '20261128T120000Z', 'DTSTAMP is the as-of instant in UTC');
    const start = event.properties.find((property) => property.name === 'DTSTART')!;
    assert.equal(start.params.VALUE, 'DATE');
    assert.match(start.value, /^\d{8}$/);
  }
});

test('UIDs are unique and stable: the same content builds the same calendar', () => {
  const first = calendar(sharingModel('internal'));
  assert.equal(calendar(sharingModel('internal')), first);
  const uids = events(first).map((event) => prop(event, 'UID')!);
  assert.equal(new Set(uids).size, uids.length);
  for (const uid of uids) assert.match(uid, /^(train-\d{4}-\d{2}-[a-z]|(prd|postmortem)-review-\d{4}-\d{2}-\d{2})@almanac\.example\.com$/);
  assert.ok(uids.includes('train-2026-11-a@almanac.example.com'));
  assert.ok(uids.includes('prd-review-2026-12-10@almanac.example.com'));
});

test('trains and review sessions span 3 months before to 6 months after the as-of date', () => {
  const list = calendarEvents(sharingModel('internal'));
  const trains = list.filter((event) => event.uid.startsWith('train-'));
  const sessions = list.filter((event) => event.uid.startsWith('prd-review-'));
  assert.ok(trains.every((event) => event.date >= '2026-08-28' && event.date <= '2027-05-28'));
  assert.ok(sessions.every((event) => event.date >= '2026-08-28' && event.date <= '2027-05-28'));
  // Every 14 days over about 9 months: 19 or 20 of each.
  assert.ok(trains.length >= 19 && trains.length <= 20, `${trains.length} trains`);
  assert.equal(trains.find((event) => event.date === '2026-11-09')?.uid, 'train-2026-11-a@almanac.example.com');
  // An in-review PRD booked off the cadence gets its own session.
  assert.ok(sessions.some((event) => event.date === '2026-12-11'));
});

test('descriptions name the releases on a train and the in-review PRDs of a session, escaped', () => {
  const ics = calendar(sharingModel('internal'));
  const list = events(ics);
  const train = byUid(list, 'train-2026-11-a@almanac.example.com')!;
  assert.match(prop(train, 'DESCRIPTION')!, new RegExp(RELEASE_TITLE.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  const session = byUid(list, 'prd-review-2026-12-10@almanac.example.com')!;
  const description = prop(session, 'DESCRIPTION')!;
  assert.ok(description.includes(PRD_TITLE), 'the PRD title survives escaping, folding and unescaping intact');
  assert.ok(description.includes('Internal PRD'), 'the internal build lists internal PRDs');
  assert.ok(!description.includes('Approved PRD'), 'only in-review PRDs are listed');
  assert.match(prop(session, 'SUMMARY')!, /2 PRDs/);
  assert.deepEqual(listValue(session, 'CATEGORIES'), ['PRD review']);
  const past = byUid(list, 'prd-review-2026-11-26@almanac.example.com')!;
  assert.match(prop(past, 'DESCRIPTION')!, /Decisions taken at this session:\n- Approved PRD: approved/);
  assert.match(prop(past, 'DESCRIPTION')!, /Internal approved PRD: changes requested/);
  const empty = byUid(list, 'prd-review-2026-11-12@almanac.example.com')!;
  assert.equal(prop(empty, 'DESCRIPTION'), 'No PRDs were reviewed at this session.');
  // Escaped on the wire.
  assert.ok(ics.includes('Waiting\\; PRD\\, with \\\\ backslash'));
});

test('the public calendar leaves out what the public build does not publish', () => {
  const ics = calendar(sharingModel('public'));
  assert.ok(!ics.includes('Internal PRD'));
  assert.ok(!ics.includes('Internal release'));
  assert.ok(!ics.includes('Internal approved PRD'));
  const session = byUid(events(ics), 'prd-review-2026-12-10@almanac.example.com')!;
  assert.match(prop(session, 'SUMMARY')!, /\(1 PRD in review\)/);
});

test('folding keeps lines within 75 octets and never splits a UTF-8 character', () => {
  const line = `DESCRIPTION:${'日本語のテキスト—ünïcödé😀'.repeat(12)}`;
  const folded = foldLine(line);
  const physical = physicalLines(`${folded}\r\n`);
  assert.ok(physical.length > 3);
  for (const part of physical) {
    assert.ok(Buffer.byteLength(part, 'utf8') <= 75);
    assert.ok(!part.includes('\uFFFD'));
    assert.equal(Buffer.from(part, 'utf8').toString('utf8'), part, 'each line is whole UTF-8');
  }
  assert.equal(physical.map((part, index) => (index ? part.slice(1) : part)).join(''), line);
  assert.equal(foldLine('SHORT:x'), 'SHORT:x');
});

test('TEXT escaping covers backslash, semicolon, comma and line breaks', () => {
  assert.equal(escapeText('a\\b;c,d\ne\r\nf\rg'), 'a\\\\b\\;c\\,d\\ne\\nf\\ng');
  assert.equal(escapeText('bell\u0007 gone'), 'bell gone');
});

test('the example handbook: the calendar parses and lists every in-review PRD in its session', () => {
  const { model } = loadHandbook(
    readEnvironment(
      { ...process.env, ALMANAC_NOW: '2026-11-28T12:00:00Z', ALMANAC_AUDIENCE: 'internal', ALMANAC_CONTENT_DIR: '' },
      { root },
    ),
  );
  const list = events(calendar(model));
  assert.ok(list.length > 30);
  const inWindow = (date: string) => date >= '2026-08-28' && date <= '2027-05-28';
  for (const prd of model.prds.filter((view) => view.data.status === 'in-review' && view.reviewSession && inWindow(view.reviewSession))) {
    const session = byUid(list, `prd-review-${prd.reviewSession}@${new URL(model.site.url).host}`);
    assert.ok(session, `a session on ${prd.reviewSession} for ${prd.id}`);
    assert.ok(prop(session, 'DESCRIPTION')!.includes(prd.title), `${prd.id} listed in its session`);
  }
  for (const release of model.releases) {
    const train = list.find((event) => prop(event, 'UID')!.startsWith(`train-${release.data.train}@`));
    if (train) assert.ok(prop(train, 'DESCRIPTION')!.includes(release.data.version), `${release.id} on train ${release.data.train}`);
  }
});

test('a team calendar: its handbook reviews, open action items and sessions with its items, for the audience', () => {
  const internal = teamCalendar(sharingModel('internal'), 'sre');
  const list = events(internal);
  const uids = list.map((event) => prop(event, 'UID')!);
  // "Process": lastReviewed 2026-05-01 + 180 days = 2026-10-28.
  assert.equal(prop(byUid(list, 'handbook-review-process-2026-10-28@almanac.example.com')!, 'DTSTART'), '20261028');
  // The in-review postmortem on Web (an SRE service) goes to the next weekly session on or after 2026-11-28: 2026-12-01.
  const session = byUid(list, 'postmortem-review-2026-12-01-sre@almanac.example.com')!;
  assert.equal(prop(session, 'SUMMARY'), 'Postmortem review session: Incident in-review-outage');
  assert.match(
    prop(session, 'DESCRIPTION')!,
    /Pre-read pack \(read by 2026-11-30\): https:\/\/almanac\.example\.com\/reviews\/2026-12-01\/$/,
  );
  // PRD sessions: two in-review PRDs on 2026-12-10 (one internal), the off-cadence booking on 2026-12-11.
  assert.equal(prop(byUid(list, 'prd-review-2026-12-10-sre@almanac.example.com')!, 'SUMMARY'), 'PRD review session: 2 of your PRDs');
  assert.ok(uids.includes('prd-review-2026-12-11-sre@almanac.example.com'));
  assert.ok(uids.includes('action-item-internal-outage-0@almanac.example.com'), 'the internal build lists internal items');
  assert.ok(list.filter((event) => prop(event, 'UID')!.startsWith('action-item-')).every((event) => prop(event, 'DTSTART') === '20261227'));

  const publicUids = events(teamCalendar(sharingModel('public'), 'sre')).map((event) => prop(event, 'UID')!);
  assert.ok(!publicUids.includes('action-item-internal-outage-0@almanac.example.com'));
  assert.ok(!publicUids.some((uid) => uid.startsWith('postmortem-review-')), 'an in-review postmortem is never public');
  assert.equal(
    prop(byUid(events(teamCalendar(sharingModel('public'), 'sre')), 'prd-review-2026-12-10-sre@almanac.example.com')!, 'SUMMARY'),
    `PRD review session: ${PRD_TITLE}`,
    'the public build lists only the public PRD',
  );
});
