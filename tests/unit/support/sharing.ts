/**
 * A small hand-made handbook for the sharing tests (feeds, sitemap, calendar, cards): published,
 * in-review, internal and draft entries, and titles with markup, `&`, `;`, `,`, `\` and non-Latin
 * text, so escaping and the audience filter are both exercised.
 */
import { buildModel, type Model, type ModelInput } from '../../../src/core/model.ts';
import type { Audience } from '../../../src/core/audience.ts';
import { defaultSiteConfig } from '../../../src/validation/site-config.ts';

export const NOW = Date.parse('2026-11-28T12:00:00Z');
export const XSS_TITLE = 'Checkout <script>alert("pwned")</script> & <img src=x onerror=alert(1)> outage';
export const XSS_SUMMARY = 'Payments failed for <b>some</b> customers & partners; the "retry" storm, then recovery.';
export const RELEASE_TITLE = 'Web 2.0 <beta> & more';
export const PRD_TITLE = 'Waiting; PRD, with \\ backslash and a long name that needs folding because it is long — ünïcödé 日本語';

/** A valid published postmortem as model input; `overrides` replace top-level fields. */
export function postmortem(id: string, overrides: Record<string, unknown> = {}): ModelInput {
  return {
    collection: 'postmortems',
    id,
    data: {
      title: `Incident ${id}`,
      summary: `Summary of ${id}.`,
      severity: 'SEV2',
      status: 'published',
      visibility: 'public',
      services: ['web'],
      authors: ['A'],
      timeline: {
        started: '2026-11-20T10:00:00Z',
        detected: '2026-11-20T10:05:00Z',
        mitigated: '2026-11-20T10:35:00Z',
        resolved: '2026-11-20T11:00:00Z',
      },
      impact: { summary: 'x', slos: [{ slo: 'web-availability' }] },
      contributingFactors: [{ category: 'change', description: 'd' }],
      actionItems: [{ title: 'Fix', type: 'prevent', owner: 'sre', due: '2026-12-27', status: 'open', priority: 'P1' }],
      releases: [],
      prds: [],
      reviewers: ['R'],
      reviewedAt: '2026-11-25',
      tags: ['Caching'],
      ...overrides,
    },
  };
}

function release(id: string, version: string, date: string, train: string, overrides: Record<string, unknown> = {}): ModelInput {
  return {
    collection: 'releases',
    id,
    data: {
      version,
      train,
      date,
      status: 'shipped',
      services: ['web'],
      gates: [],
      changes: [{ type: 'fixed', summary: 'Retries; backoff, jitter', breaking: false }],
      visibility: 'public',
      ...overrides,
    },
  };
}

/** A public in-review PRD owned by `sre`, with `overrides` on its data. */
export function prd(id: string, title: string, overrides: Record<string, unknown> = {}): ModelInput {
  return {
    collection: 'prds',
    id,
    data: {
      title,
      summary: 's',
      status: 'in-review',
      authors: ['A'],
      owner: 'sre',
      created: '2026-11-01',
      reviewers: [],
      slos: [],
      releases: [],
      risks: [],
      tags: [],
      visibility: 'public',
      ...overrides,
    },
  };
}

export const INPUTS: ModelInput[] = [
  { collection: 'teams', id: 'sre', data: { name: 'SRE', visibility: 'public' } },
  { collection: 'teams', id: 'secret', data: { name: 'Secret team', visibility: 'internal' } },
  { collection: 'services', id: 'web', data: { name: 'Web', team: 'sre', tier: 1, dependsOn: ['db'], visibility: 'public' } },
  { collection: 'services', id: 'db', data: { name: 'Hidden database', team: 'secret', tier: 2, dependsOn: [], visibility: 'internal' } },
  {
    collection: 'slos',
    id: 'web-availability',
    data: {
      title: 'Web availability',
      service: 'web',
      sli: { kind: 'availability', description: 'd' },
      objective: 99.9,
      window: '30d',
      status: 'active',
      visibility: 'public',
    },
  },
  postmortem('xss-outage', { title: XSS_TITLE, summary: XSS_SUMMARY, services: ['web', 'db'] }),
  postmortem('older-outage', {
    reviewedAt: '2026-10-02',
    timeline: {
      started: '2026-09-30T10:00:00Z',
      detected: '2026-09-30T10:05:00Z',
      mitigated: '2026-09-30T10:35:00Z',
      resolved: '2026-09-30T11:00:00Z',
    },
  }),
  postmortem('middle-outage', {
    title: 'Ελληνικά: διακοπή πληρωμών',
    reviewedAt: '2026-11-01',
    timeline: {
      started: '2026-10-20T10:00:00Z',
      detected: '2026-10-20T10:05:00Z',
      mitigated: '2026-10-20T10:35:00Z',
      resolved: '2026-10-20T11:00:00Z',
    },
  }),
  postmortem('in-review-outage', { status: 'in-review', reviewedAt: undefined, reviewers: [] }),
  postmortem('internal-outage', { title: 'Internal only outage', visibility: 'internal', services: ['db'] }),
  postmortem('draft-outage', {
    status: 'draft',
    title: 'Draft outage',
    timeline: { started: '2026-11-22T10:00:00Z', detected: '2026-11-22T10:01:00Z' },
  }),
  release('web-2-0-0', '2.0.0', '2026-11-09', '2026-11-a', { title: RELEASE_TITLE }),
  release('web-2-1-0', '2.1.0', '2026-11-23', '2026-11-b', { status: 'planned' }),
  release('web-1-9-0', '1.9.0', '2026-10-26', '2026-10-b'),
  release('internal-2-2-0', '2.2.0', '2026-12-07', '2026-12-a', { visibility: 'internal', title: 'Internal release' }),
  prd('waiting', PRD_TITLE),
  prd('booked', 'Booked off-cadence', { review: { session: '2026-12-11' } }),
  prd('internal-prd', 'Internal PRD', { visibility: 'internal' }),
  prd('approved-prd', 'Approved PRD', {
    status: 'approved',
    review: { session: '2026-11-26', decisions: [{ date: '2026-11-26', outcome: 'approved' }] },
  }),
  prd('internal-approved', 'Internal approved PRD', {
    status: 'approved',
    visibility: 'internal',
    review: { decisions: [{ date: '2026-11-26', outcome: 'changes-requested' }] },
  }),
  prd('draft-prd', 'Draft PRD', { status: 'draft' }),
  {
    collection: 'handbook',
    id: 'process',
    data: { title: 'Process', description: 'd', owner: 'sre', lastReviewed: '2026-05-01', reviewEvery: '180d', visibility: 'public' },
  },
];

/** The hand-made handbook for an audience (as of 2026-11-28T12:00:00Z). */
export function sharingModel(audience: Audience = 'internal'): Model {
  return buildModel(INPUTS, { config: defaultSiteConfig(), now: NOW, audience, includeDrafts: false });
}
