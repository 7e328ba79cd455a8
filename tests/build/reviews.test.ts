/**
 * Review sessions and calendars of the built example handbook: `dist/api/reviews.json` against the
 * contract (`[{ date, kind, items }]`, upcoming sessions) written here as a zod schema, the
 * pre-read pack pages, and `/calendar.ics` and `/teams/<id>/calendar.ics` read by the independent
 * strict parser of tests/support/ical.ts. The build's as-of instant is 2026-11-28T12:00:00Z.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { z } from 'astro/zod';
import { distFiles, readDist, readDistJson } from '../support/dist.ts';
import { decodeEntities } from '../support/html.ts';
import { listValue, parseIcal, prop, type IcalComponent } from '../support/ical.ts';
import { loadHandbook } from '../../src/build/load.ts';
import { readEnvironment } from '../../src/build/env.ts';

const { model } = loadHandbook(readEnvironment(process.env, { root: join(import.meta.dirname, '..', '..') }));
const today = new Date(model.site.now).toISOString().slice(0, 10);
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const session = z
  .object({
    date: day,
    kind: z.enum(['postmortem', 'prd']),
    items: z.array(z.string().regex(/^[a-z][a-z0-9-]{0,62}$/)).min(1),
    url: z.string(),
    readBy: day,
  })
  .refine((entry) => entry.date >= today, 'only upcoming sessions')
  .refine((entry) => entry.url === `/reviews/${entry.date}/`, 'url is the pack route');
type Session = z.output<typeof session>;
const reviews = readDistJson<Session[]>('api/reviews.json');
const text = (html: string) => decodeEntities(html.replace(/<[^>]+>/g, ' ')).replace(/\s+/g, ' ');
const events = (calendar: IcalComponent) => calendar.components.filter((component) => component.name === 'VEVENT');

test('reviews.json matches the contract and lists the example sessions in date order', () => {
  const result = z.array(session).safeParse(reviews);
  assert.ok(result.success, result.success ? '' : z.prettifyError(result.error));
  // Weekly postmortem reviews from 2026-01-06: 2026-12-01 is the next session on or after 2026-11-28,
  // where storefront-cdn-origin-rule goes without a booking; the slot booking review is booked for 2026-12-08.
  // PRD reviews every 14 days from 2026-01-08: 2026-12-10 and 2026-12-24.
  assert.deepEqual(
    reviews.map(({ date, kind, items, readBy }) => [date, kind, items, readBy]),
    [
      ['2026-12-01', 'postmortem', ['storefront-cdn-origin-rule'], '2026-11-30'],
      ['2026-12-08', 'postmortem', ['slot-booking-duplicate-waitlist-offers'], '2026-12-07'],
      ['2026-12-10', 'prd', ['acquirer-failover'], '2026-12-09'],
      ['2026-12-24', 'prd', ['substitution-preferences'], '2026-12-23'],
    ],
  );
});

test('every session has a pre-read pack page, listed on /reviews/ and in the sitemap', () => {
  const index = readDist('reviews/index.html');
  const sitemap = readDist('sitemap.xml');
  for (const entry of reviews) {
    assert.ok(distFiles().includes(`reviews/${entry.date}/index.html`), `pack for ${entry.date}`);
    assert.ok(index.includes(`href="${entry.url}"`), `/reviews/ links ${entry.url}`);
    assert.ok(sitemap.includes(`<loc>${model.site.url}${entry.url}</loc>`), `sitemap lists ${entry.url}`);
  }
  assert.ok(sitemap.includes(`<loc>${model.site.url}/reviews/</loc>`));
});

test('a postmortem pack holds the summary, facts, timeline, factors, open questions, similar incidents and the read-by date', () => {
  const html = readDist('reviews/2026-12-08/index.html');
  const page = text(html);
  const pm = model.get('postmortems', 'slot-booking-duplicate-waitlist-offers')!;
  assert.match(page, /Read by Monday,? 7 December 2026/);
  assert.ok(page.includes(pm.data.summary), 'the summary');
  assert.ok(page.includes('Time to mitigate 1 h 5 min'), 'key facts: 07:15 to 08:20');
  assert.ok(page.includes('Started 2026-11-24 07:15 UTC') && page.includes('Resolved 2026-11-24 11:05 UTC'), 'the timeline');
  for (const factor of pm.data.contributingFactors) assert.ok(page.includes(factor.description), 'each contributing factor');
  // The two <Question>s of the body, in order, as text.
  const questions = [...html.matchAll(/<ol class="questions"[^>]*>([\s\S]*?)<\/ol>/g)].flatMap((match) =>
    [...match[1].matchAll(/<li[^>]*>([\s\S]*?)<\/li>/g)].map((item) => text(item[1]).trim()),
  );
  assert.deepEqual(questions, [
    'Did the error-budget freeze push us to ship 2.8.2 faster than we would otherwise have, and should fixes during a freeze get a longer canary?',
    'Should "slot freed" events carry the hold id, so that every consumer can deduplicate, not only the waitlist?',
  ]);
  // Similar past incidents: same service (slot booking, 14 and 22 November) or category, within 90 days, with open items.
  assert.ok(
    html.includes('href="/postmortems/slot-booking-hold-expiry-backlog/"') &&
      html.includes('href="/postmortems/slot-booking-connection-exhaustion/"'),
  );
  assert.ok(page.includes('Page when a hold-expiry sweep runs longer than 5 minutes'), 'an open action item of a similar incident');
  assert.ok(!page.includes('Pause non-essential slot booking changes'), 'done items are not listed');
  assert.ok(!html.includes('href="/postmortems/three-d-secure-provider-outage/"'), 'March is outside the 90 days');
  assert.match(html, /@media print/, 'print rules');
});

test('the site calendar holds the postmortem review sessions beside trains and PRD reviews', () => {
  const calendar = parseIcal(readDist('calendar.ics'));
  const list = events(calendar);
  const session = list.find((event) => prop(event, 'UID') === 'postmortem-review-2026-12-08@handbook.fernhill.example')!;
  assert.ok(session, 'the 8 December session');
  assert.equal(prop(session, 'DTSTART'), '20261208');
  assert.equal(prop(session, 'SUMMARY'), 'Postmortem review session (1 postmortem in review)');
  assert.deepEqual(listValue(session, 'CATEGORIES'), ['Postmortem review']);
  assert.match(
    prop(session, 'DESCRIPTION')!,
    /Duplicate waitlist offers after the hold-expiry fix .*\nPre-read pack: https:\/\/handbook\.fernhill\.example\/reviews\/2026-12-08\/$/,
  );
  // Every week of the calendar's range has a postmortem review, booked or not.
  const weekly = list.filter((event) => prop(event, 'UID')!.startsWith('postmortem-review-')).map((event) => prop(event, 'DTSTART')!);
  assert.ok(weekly.includes('20261201') && weekly.includes('20261215') && weekly.includes('20261124'));
  assert.ok(list.some((event) => prop(event, 'UID') === 'prd-review-2026-12-10@handbook.fernhill.example'));
});

test('a team calendar holds its handbook reviews, open action items and sessions with its items, and the team page links it', () => {
  const calendar = parseIcal(readDist('teams/fulfilment/calendar.ics'));
  assert.equal(prop(calendar, 'X-WR-CALNAME'), `${model.get('teams', 'fulfilment')!.title}: due dates and reviews (${model.site.name})`);
  const byUid = new Map(events(calendar).map((event) => [prop(event, 'UID')!, event]));
  const host = 'handbook.fernhill.example';
  // Open and in-progress items Fulfilment owns, at their due dates; done ones are not there.
  const owned = model.actionItems.filter((item) => item.ownerId === 'fulfilment');
  for (const item of owned) {
    const event = byUid.get(`action-item-${item.postmortem}-${item.index}@${host}`);
    if (item.status === 'open' || item.status === 'in-progress')
      assert.equal(prop(event!, 'DTSTART'), item.due.replace(/-/g, ''), item.title);
    else assert.equal(event, undefined, `${item.title} is ${item.status}`);
  }
  // Handbook pages it owns, at lastReviewed + reviewEvery.
  for (const page of model.handbook.filter((view) => view.owner.visible && view.owner.id === 'fulfilment')) {
    assert.equal(prop(byUid.get(`handbook-review-${page.id}-${page.reviewDue}@${host}`)!, 'DTSTART'), page.reviewDue.replace(/-/g, ''));
  }
  // The slot booking review of 8 December (Slot Booking is Fulfilment's service); not the storefront one.
  assert.equal(
    prop(byUid.get(`postmortem-review-2026-12-08-fulfilment@${host}`)!, 'SUMMARY'),
    'Postmortem review session: Duplicate waitlist offers after the hold-expiry fix',
  );
  assert.ok(![...byUid.keys()].some((uid) => uid.startsWith('postmortem-review-2026-12-01')));
  for (const team of model.teams) {
    parseIcal(readDist(`teams/${team.id}/calendar.ics`));
    assert.ok(readDist(`teams/${team.id}/index.html`).includes(`href="/teams/${team.id}/calendar.ics"`), `${team.id} links its calendar`);
  }
});

test('releases during the slot booking freeze say how they could ship', () => {
  const hotfix = text(readDist('releases/slot-booking-2-8-2/index.html'));
  assert.match(hotfix, /Hotfix with fixes/);
  // As of 2026-11-24 00:00 UTC: 46 of 43.2 minutes (38 on 14 November, 8 on 22 November) = 106.5%.
  assert.match(hotfix, /Slot booking availability : 46 of 43\.2 budget minutes consumed \(106\.5%\)/);
  const exception = text(readDist('releases/slot-booking-2-9-0/index.html'));
  assert.match(exception, /under an exception approved by Dana Whitfield \(VP Engineering\) , valid until 2026-11-27/);
  const insights = text(readDist('insights/index.html'));
  assert.match(insights, /Slot Booking 2026-11-23 ongoing Slot booking availability/);
});

test('an entry in review names its session and links the pre-read pack', () => {
  const postmortem = readDist('postmortems/storefront-cdn-origin-rule/index.html');
  assert.match(postmortem, /<dt>Review session<\/dt>\s*<dd>\s*<time class="nowrap" datetime="2026-12-01">2026-12-01<\/time>/);
  assert.match(postmortem, /<a href="\/reviews\/2026-12-01\/">pre-read pack<\/a>/);
  const published = readDist('postmortems/card-authorisation-tls-rotation/index.html');
  assert.doesNotMatch(published, /<dt>Review session<\/dt>/, 'a published postmortem has had its review');
  const prd = readDist('prds/acquirer-failover/index.html');
  assert.match(
    prd,
    /<dt>Review session<\/dt>\s*<dd>\s*<time class="nowrap" datetime="2026-12-10">2026-12-10<\/time>.*?<a href="\/reviews\/2026-12-10\/">pre-read pack<\/a>/s,
  );
});
