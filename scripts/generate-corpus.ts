/**
 * A deterministic synthetic handbook for measurements (search index size, build time):
 * N postmortems plus the teams, services and SLOs they reference, and optionally releases (which
 * some postmortems then name as their trigger), written as a content folder.
 * Every postmortem is valid against src/core/schemas (checked with `validateContent` before returning)
 * and has 800–1500 words of varied prose with headings, a table, a list and a code block.
 * The same seed always gives byte-identical files; without releases the output is the same as
 * before the option existed (releases draw from their own random streams).
 *
 *   node scripts/generate-corpus.ts --docs 1000 --out /tmp/corpus [--seed 1] [--releases 100]
 *   ALMANAC_CONTENT_DIR=/tmp/corpus astro build --outDir /tmp/corpus-dist
 *
 * Library use: `generateCorpus({ docs, dir, seed })` (e.g. `npm run bench -- --docs N`).
 * The output folder must be empty, missing, or a folder this script generated before (it carries
 * a `.almanac-generated` marker); anything else is refused rather than overwritten.
 */
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { stringify } from 'yaml';
import { validateContent } from '../src/validation/validate.ts';
import { formatProblem } from '../src/core/problems.ts';
import { DEFAULT_FACTOR_CATEGORIES } from '../src/core/schemas/config.ts';

export interface CorpusOptions {
  /** Number of postmortems. */
  docs: number;
  /** Content folder to write (created; must be empty or previously generated). */
  dir: string;
  /** PRNG seed; the same seed gives the same corpus. Default 1. */
  seed?: number;
  /** Validate the result with `validateContent` and throw on any error. Default true. */
  validate?: boolean;
  /**
   * Number of releases to write (default 0). Up to a third of the postmortems then list a release
   * of their service shipped before the incident in `releases`. `npm run bench` uses one per ten
   * postmortems (`proportionalReleases`).
   */
  releases?: number;
}

/** The release count `npm run bench` generates for N postmortems: one per ten, at least one. */
export const proportionalReleases = (docs: number): number => Math.max(1, Math.round(docs / 10));

export interface CorpusSummary {
  dir: string;
  teams: number;
  services: number;
  slos: number;
  releases: number;
  postmortems: number;
  /** Body words per postmortem. */
  words: { min: number; max: number; mean: number };
  /** Files written, relative to `dir`. */
  files: number;
}

const MARKER = '.almanac-generated';
/** Incidents are spread over the three years before this instant. */
const LATEST = Date.parse('2026-11-20T00:00:00Z');
const SPAN_DAYS = 3 * 365;
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

// ── deterministic randomness ────────────────────────────────────────────────────────────────
type Random = () => number;
function mulberry32(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
class Dice {
  readonly random: Random;
  constructor(random: Random) {
    this.random = random;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.random() * (max - min + 1));
  }
  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.random() * list.length)]!;
  }
  chance(p: number): boolean {
    return this.random() < p;
  }
  sample<T>(list: readonly T[], count: number): T[] {
    const copy = [...list];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(this.random() * (i + 1));
      [copy[i], copy[j]] = [copy[j]!, copy[i]!];
    }
    return copy.slice(0, Math.min(count, copy.length));
  }
  weighted<T>(entries: readonly (readonly [T, number])[]): T {
    const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
    let roll = this.random() * total;
    for (const [value, weight] of entries) {
      roll -= weight;
      if (roll < 0) return value;
    }
    return entries[entries.length - 1]![0];
  }
}

// ── the organisation ────────────────────────────────────────────────────────────────────────
const TEAMS = [
  { id: 'checkout', name: 'Checkout', focus: 'the basket-to-order journey and promotions' },
  { id: 'payments', name: 'Payments', focus: 'card authorisation, wallets, refunds and the acquirer integrations' },
  { id: 'fulfilment', name: 'Fulfilment', focus: 'warehouse picking, delivery slots and courier hand-over' },
  { id: 'discovery', name: 'Discovery', focus: 'search, browse, recommendations and the product catalogue' },
  { id: 'platform', name: 'Platform', focus: 'Kubernetes, databases, messaging, CDN and observability' },
  { id: 'identity', name: 'Identity', focus: 'sign-in, sessions, accounts and consent' },
] as const;
type TeamId = (typeof TEAMS)[number]['id'];

const SERVICES: { id: string; name: string; team: TeamId; tier: 1 | 2 | 3; does: string; dependsOn: string[] }[] = [
  {
    id: 'checkout-api',
    name: 'Checkout API',
    team: 'checkout',
    tier: 1,
    does: 'turns baskets into orders',
    dependsOn: ['payments-gateway', 'pricing-engine', 'slot-service'],
  },
  {
    id: 'pricing-engine',
    name: 'Pricing Engine',
    team: 'checkout',
    tier: 1,
    does: 'prices baskets and evaluates promotions',
    dependsOn: ['catalog-api'],
  },
  {
    id: 'payments-gateway',
    name: 'Payments Gateway',
    team: 'payments',
    tier: 1,
    does: 'authorises cards and wallets with the acquirers',
    dependsOn: ['fraud-scoring'],
  },
  {
    id: 'fraud-scoring',
    name: 'Fraud Scoring',
    team: 'payments',
    tier: 2,
    does: 'scores orders for fraud risk before authorisation',
    dependsOn: [],
  },
  {
    id: 'refunds-service',
    name: 'Refunds Service',
    team: 'payments',
    tier: 2,
    does: 'issues refunds and store credit',
    dependsOn: ['payments-gateway'],
  },
  {
    id: 'slot-service',
    name: 'Slot Service',
    team: 'fulfilment',
    tier: 1,
    does: 'offers and holds delivery slots',
    dependsOn: ['order-store'],
  },
  {
    id: 'picking-service',
    name: 'Picking Service',
    team: 'fulfilment',
    tier: 2,
    does: 'builds warehouse pick lists from confirmed orders',
    dependsOn: ['event-bus', 'order-store'],
  },
  {
    id: 'courier-bridge',
    name: 'Courier Bridge',
    team: 'fulfilment',
    tier: 2,
    does: 'hands parcels to courier partners',
    dependsOn: ['event-bus'],
  },
  {
    id: 'catalog-api',
    name: 'Catalog API',
    team: 'discovery',
    tier: 1,
    does: 'serves products, prices and availability',
    dependsOn: ['search-index'],
  },
  {
    id: 'search-index',
    name: 'Search Index',
    team: 'discovery',
    tier: 2,
    does: 'indexes the catalogue for search and browse',
    dependsOn: ['event-bus'],
  },
  {
    id: 'recommendations',
    name: 'Recommendations',
    team: 'discovery',
    tier: 3,
    does: 'suggests products and substitutes',
    dependsOn: ['catalog-api'],
  },
  { id: 'event-bus', name: 'Event Bus', team: 'platform', tier: 1, does: 'carries domain events between services', dependsOn: [] },
  {
    id: 'order-store',
    name: 'Order Store',
    team: 'platform',
    tier: 1,
    does: 'stores orders in the primary database cluster',
    dependsOn: [],
  },
  { id: 'edge-cdn', name: 'Edge CDN', team: 'platform', tier: 1, does: 'serves the storefront and images at the edge', dependsOn: [] },
  {
    id: 'auth-service',
    name: 'Auth Service',
    team: 'identity',
    tier: 1,
    does: 'signs customers in and issues sessions',
    dependsOn: ['order-store'],
  },
  {
    id: 'notifications',
    name: 'Notifications',
    team: 'identity',
    tier: 2,
    does: 'sends e-mail, SMS and push messages',
    dependsOn: ['event-bus'],
  },
];

interface SloSpec {
  id: string;
  title: string;
  service: string;
  kind: 'availability' | 'latency' | 'freshness';
  objective: number;
  window: string;
}
function slosFor(service: (typeof SERVICES)[number]): SloSpec[] {
  const availability: SloSpec = {
    id: `${service.id}-availability`,
    title: `${service.name} availability`,
    service: service.id,
    kind: 'availability',
    objective: service.tier === 1 ? 99.9 : service.tier === 2 ? 99.5 : 99,
    window: service.tier === 1 ? '30d' : '28d',
  };
  const second: SloSpec =
    service.id === 'picking-service' || service.id === 'search-index'
      ? {
          id: `${service.id}-freshness`,
          title: `${service.name} freshness`,
          service: service.id,
          kind: 'freshness',
          objective: 99,
          window: '28d',
        }
      : {
          id: `${service.id}-latency`,
          title: `${service.name} latency`,
          service: service.id,
          kind: 'latency',
          objective: service.tier === 1 ? 99.5 : 99,
          window: '30d',
        };
  return service.tier === 3 ? [availability] : [availability, second];
}
const SLOS = SERVICES.flatMap(slosFor);

// ── vocabulary ──────────────────────────────────────────────────────────────────────────────
const SYMPTOMS = [
  'Elevated error rates',
  'Slow responses',
  'Partial outage',
  'Timeouts',
  'Stale data',
  'Duplicate messages',
  'Failed payments',
  'Missing orders',
  'Degraded search results',
  'Checkout failures',
  'Login failures',
  'Delayed notifications',
  'Dropped events',
  'Wrong prices shown',
  'Empty delivery slot calendar',
  'Intermittent 503 responses',
  'Connection pool exhaustion',
  'Queue backlog',
  'Memory pressure and restarts',
  'Certificate errors',
  'Cache stampede',
  'Replica lag',
  'Disk saturation',
  'DNS resolution failures',
];
const CAUSES = [
  'a configuration rollout',
  'a database failover',
  'a dependency upgrade',
  'a traffic spike',
  'a schema migration',
  'a certificate rotation',
  'a cache eviction storm',
  'a feature flag change',
  'a node pool upgrade',
  'a regional network incident',
  'a third-party provider outage',
  'a batch job overlap',
  'a connection limit change',
  'a retry storm',
  'a log volume surge',
  'an index rebuild',
  'a cron schedule change',
  'a load balancer health check change',
  'a partition rebalance',
  'a runtime upgrade',
  'a rate limit change at a partner',
  'a data backfill',
];
const COMPONENTS = [
  'connection pool',
  'read replica',
  'consumer group',
  'ingress controller',
  'sidecar proxy',
  'circuit breaker',
  'rate limiter',
  'job scheduler',
  'feature flag service',
  'secrets store',
  'service mesh',
  'write-ahead log',
  'object cache',
  'session cache',
  'message broker',
  'autoscaler',
  'health check',
  'deployment pipeline',
  'canary analysis',
  'schema registry',
  'search shard',
  'bulk importer',
  'webhook receiver',
  'DNS resolver',
];
const METRICS = [
  'p99 latency',
  'p95 latency',
  'error rate',
  'queue depth',
  'consumer lag',
  'CPU saturation',
  'heap usage',
  'open connections',
  'retry rate',
  'cache hit ratio',
  'replication delay',
  'request rate',
  'garbage collection pause time',
  'thread pool utilisation',
  'disk IOPS',
  'event age',
];
const ROLES = [
  'the on-call engineer',
  'the incident commander',
  'the database on-call',
  'the service owner',
  'the platform on-call',
  'the support lead',
  'the communications lead',
  'a second responder',
  'the release captain',
  'the duty manager',
];
const REGIONS = [
  'eu-west',
  'eu-central',
  'us-east',
  'us-west',
  'ap-south',
  'the London data centre',
  'the Rotterdam warehouse',
  'the Toronto edge',
];
const ADJECTIVES = [
  'gradual',
  'sudden',
  'intermittent',
  'sustained',
  'brief',
  'unexpected',
  'silent',
  'noisy',
  'cascading',
  'localised',
  'partial',
  'subtle',
  'compounding',
  'latent',
  'transient',
  'persistent',
];
const TAGS = [
  'capacity',
  'configuration',
  'database',
  'dependency',
  'deploy',
  'latency',
  'messaging',
  'networking',
  'payments',
  'search',
  'security',
  'storage',
  'peak',
  'migration',
  'caching',
  'certificates',
  'monitoring',
  'retries',
  'kubernetes',
  'dns',
  'third-party',
  'data-quality',
];
/** The default categories, so every generated factor validates against an almanac.yaml-less corpus. */
const FACTOR_CATEGORIES = DEFAULT_FACTOR_CATEGORIES.map((category) => category.id);
const PEOPLE = [
  'Amara Okafor',
  'Bastian Keller',
  'Chen Wei',
  'Dagny Lund',
  'Elif Yılmaz',
  'Farid Haddad',
  'Grace Mensah',
  'Hiro Tanaka',
  'Ines Duarte',
  'Jonas Berg',
  'Kavya Rao',
  'Luca Moretti',
  'Maya Cohen',
  'Niamh Byrne',
  'Oskar Nowak',
  'Priya Shah',
  'Quinn Taylor',
  'Rosa Jiménez',
  'Sami Virtanen',
  'Tomás Silva',
  'Uma Patel',
  'Viktor Horvat',
  'Wen Li',
  'Yusuf Demir',
  'Zofia Kowalska',
];
const DETECTIONS = ['alert', 'customer-report', 'internal-report', 'monitoring', 'other'] as const;
const ACTION_TITLES = [
  'Add an alert on {metric} for the {component}',
  'Cap the {component} per instance',
  'Stage {cause} behind a canary',
  'Document the rollback path for the {component}',
  'Load test the {component} at twice the peak',
  'Move the {component} to its own node pool',
  'Add a circuit breaker in front of the {component}',
  'Make the {component} configuration reviewable',
  'Backfill the dashboards for {metric}',
  'Rehearse the failover of the {component}',
  'Shorten the retry budget of the {component}',
  'Page the owning team on {metric} above the threshold',
  'Split the {component} by tenant',
];

// ── prose ───────────────────────────────────────────────────────────────────────────────────
interface Story {
  service: string;
  serviceName: string;
  other: string;
  component: string;
  component2: string;
  metric: string;
  metric2: string;
  cause: string;
  region: string;
  adjective: string;
  role: string;
  project: string;
  host: string;
  flag: string;
  ticket: string;
  partner: string;
}

const SENTENCES = [
  'The {adjective} rise in {metric} on the {serviceName} started in {region} and spread to the other regions within {n} minutes.',
  'Requests that reached the {component} waited for a free slot, and after {n} seconds the callers gave up and retried.',
  'Retries from {other} doubled the load on the {component}, which kept {metric} high even after the original trigger had passed.',
  'Dashboards for the {serviceName} showed {metric} at {n} times its usual value, but no alert was configured on that signal.',
  '{Role} paged the owning team after the error budget burn rate crossed the fast-burn threshold.',
  'We rolled back the most recent change first, because it was the only change in the window and rolling back is cheap.',
  'The rollback took {n} minutes, most of it spent waiting for the deployment pipeline to drain the canary stage.',
  'About {n} percent of requests in {region} returned errors at the peak; the other regions stayed within their objective.',
  "The {component} had been sized for last year's peak, and this week's traffic was {n} percent higher than that.",
  'Nothing in the runbook pointed at the {component2}, so responders spent the first {n} minutes looking at the {component}.',
  'Once the {component2} was identified, the mitigation was a single configuration change that restored {metric2} within {n} minutes.',
  'Customers saw a spinner and then a generic error page; support received {n} contacts during the incident window.',
  'The change had passed review and the canary, because the canary ran at {n} percent of traffic and the problem only appeared under full load.',
  'Our synthetic checks kept passing throughout, since they exercise a path that does not touch the {component}.',
  'Logs from the {component} were sampled at one in {n}, which made the first error messages hard to find.',
  'After the mitigation we watched {metric} for {n} minutes before declaring the incident resolved.',
  'The {adjective} nature of the failure meant that each graph on its own looked almost normal.',
  '{Role} opened a bridge and assigned a scribe, which kept the timeline accurate and made this review much easier to write.',
  'We considered failing over to the standby in {region}, but the standby shared the same {component} and would have inherited the problem.',
  'Because {other} depends on the {serviceName}, its own error budget was charged for {n} minutes as well.',
  'The on-call handbook asks responders to post an update every {n} minutes; the status page was updated four times.',
  'Capacity tests in staging use a dataset {n} times smaller than production, so the {component} never reached its limit there.',
  'A {adjective} increase in {metric2} had been visible for {n} days before the incident, below every alert threshold.',
  'The vendor confirmed that {cause} on their side overlapped with our own deployment window.',
  'We have seen a similar pattern before with the {component2}, and the earlier action item to add headroom is still open.',
  'When the queue drained, {n} thousand delayed messages were delivered in order and none were lost.',
  'The feature flag that guards the new code path was enabled for every customer at once instead of in steps.',
  'Error budget policy for the {serviceName} froze non-urgent releases for {n} days after this incident.',
  'The team agreed that the signal worth alerting on is {metric}, not {metric2}, because it moves first.',
  'Responders in two time zones handed over at the halfway point; the hand-over note is linked from the incident channel.',
  'Our load balancer marked healthy instances as down because the health check shared the saturated {component}.',
  'Most of the impact fell on returning customers with saved baskets, whose requests take the slower path through the {component2}.',
  'A manual restart of the {component} cleared the symptom for {n} minutes, which hid the real trigger for a while.',
  'Tracing showed that {n} percent of the request time was spent waiting on the {component2} during the worst minutes.',
  'We do not yet know why the {component} did not shed load; the follow-up investigation is tracked as an action item.',
  'The data team reconciled the affected orders the next morning and found {n} that needed a manual refund.',
  'A similar configuration in {region} did not trigger the problem, because that region runs the previous minor version.',
  'There was no single root cause: the trigger, the missing alert and the shared {component} lined up on the same evening.',
];

/** Sentences about the incident's own systems, partners and tickets (unique names per incident). */
const LOCAL_SENTENCES = [
  'The {project} migration had moved the {component} onto the host {host} two weeks earlier.',
  'The feature flag {flag} was switched on at the start of the window and switched off during the mitigation.',
  'Our partner {partner} reported the same symptom on their side and shared their timeline in ticket {ticket}.',
  'Follow-up work is tracked in {ticket}; the {project} team reviewed the proposed limits before they shipped.',
  'Host {host} restarted {n} times in an hour as the orchestrator tried to replace it.',
  'The {project} rollout plan had no step to check {metric} before widening the rollout.',
  'Traffic from {partner} arrives in bursts every {n} minutes, and the largest burst landed at the worst moment.',
  'Engineers on the {project} team recognised the pattern from a load test of {host} earlier in the quarter.',
  'We paused the {flag} experiment for the rest of the week so the numbers would be comparable.',
  'The on-call notes in {ticket} list every command run during the incident, with its output.',
];

const OPENERS = [
  'At the peak, ',
  'Within minutes, ',
  'Looking at the traces afterwards, ',
  'In the first hour, ',
  'By the time the bridge opened, ',
  'Later that evening, ',
  'According to the dashboards, ',
  'In the review meeting, ',
  'During the hand-over, ',
  'Across all regions, ',
];
const CLOSERS = [
  ', which matched what the traces showed',
  ', according to the load balancer logs',
  ', as the timeline below shows',
  ', and the graphs confirm it',
  ', a pattern we had not seen in this service before',
  ', which the status page reported in plain words',
  ', with no data loss',
];

const SYLLABLES = [
  'ka',
  'lo',
  'vi',
  'ren',
  'tor',
  'sa',
  'mi',
  'dal',
  'qu',
  'zen',
  'bra',
  'ne',
  'fi',
  'gor',
  'ul',
  'tha',
  'wen',
  'pi',
  'sor',
  'el',
  'cor',
  'ma',
  'dri',
  'vo',
  'lin',
  'ash',
  'ber',
  'ix',
  'no',
  'ta',
  'rho',
  'gan',
  'ove',
  'sil',
  'kre',
  'um',
];
function codename(dice: Dice): string {
  const name = Array.from({ length: dice.int(2, 3) }, () => dice.pick(SYLLABLES)).join('');
  return capitalise(name);
}

const INTRO = [
  'This review covers the {adjective} degradation of the {serviceName} after {cause}.',
  'For a little over {n} minutes the {serviceName} served errors or slow responses to customers in {region}.',
  'On a busy weekday evening the {serviceName} slowed down after {cause}, and {other} was affected downstream.',
];

const LESSON_TEMPLATES = {
  wentWell: [
    'The rollback path for the {serviceName} worked as documented.',
    'Responders opened the bridge within minutes of the page.',
    'The status page was updated on schedule.',
    'Tracing made the slow {component2} visible quickly.',
  ],
  wentWrong: [
    'No alert fired on {metric} for the {component}.',
    'The runbook did not mention the {component2}.',
    'Staging could not reproduce production load on the {component}.',
    'The canary stage ran at too little traffic to show the problem.',
  ],
  gotLucky: [
    'The incident happened outside the weekly peak.',
    'A responder had worked on the {component2} the week before.',
    'The standby region was not needed.',
    'No data was lost in the queue.',
  ],
};

function fill(template: string, story: Story, dice: Dice): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => {
    if (key === 'n') return String(dice.int(2, 95));
    if (key === 'Role') return capitalise(story.role);
    const value = (story as unknown as Record<string, string>)[key];
    if (value === undefined) throw new Error(`generate-corpus: no value for {${key}}`);
    return value;
  });
}
const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
const wordCount = (text: string) => text.split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word)).length;

function sentence(story: Story, dice: Dice): string {
  let text = fill(dice.chance(0.2) ? dice.pick(LOCAL_SENTENCES) : dice.pick(SENTENCES), story, dice);
  if (dice.chance(0.25) && /^(The|We|Our|A|About|Customers|Requests|Retries|Tracing|Logs) /.test(text)) {
    text = dice.pick(OPENERS) + text.charAt(0).toLowerCase() + text.slice(1);
  }
  if (dice.chance(0.2)) text = text.replace(/\.$/, `${dice.pick(CLOSERS)}.`);
  return text;
}

function paragraph(story: Story, dice: Dice, sentences = dice.int(3, 6)): string {
  return Array.from({ length: sentences }, () => sentence(story, dice)).join(' ');
}

// ── dates ───────────────────────────────────────────────────────────────────────────────────
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const clock = (ms: number) => new Date(ms).toISOString().slice(11, 16);

function slugify(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

// ── files ───────────────────────────────────────────────────────────────────────────────────
function frontmatter(data: Record<string, unknown>, body: string): string {
  return `---\n${stringify(data, { lineWidth: 0 })}---\n\n${body.trim()}\n`;
}

function teamFile(team: (typeof TEAMS)[number]): string {
  return stringify({ name: team.name, description: `Owns ${team.focus}.`, channel: `#${team.id}-oncall`, visibility: 'public' });
}

function serviceFile(service: (typeof SERVICES)[number]): string {
  return stringify({
    name: service.name,
    team: service.team,
    tier: service.tier,
    description: `${capitalise(service.does)}.`,
    repository: `https://git.example.com/corpus/${service.id}`,
    runbook: `https://runbooks.example.com/${service.id}`,
    dependsOn: service.dependsOn,
    visibility: 'public',
  });
}

function sloFile(slo: SloSpec): string {
  const service = SERVICES.find((s) => s.id === slo.service)!;
  const sli =
    slo.kind === 'latency'
      ? {
          kind: 'latency',
          description: `Share of ${service.name} requests answered within the threshold, measured at the load balancer.`,
          threshold: { value: service.tier === 1 ? 300 : 800, unit: 'ms', percentile: 99 },
        }
      : slo.kind === 'freshness'
        ? { kind: 'freshness', description: `Share of minutes in which the newest ${service.name} data is less than five minutes old.` }
        : { kind: 'availability', description: `Share of ${service.name} requests that do not end in a 5xx or a timeout.` };
  const body = `The ${service.name} ${service.does}. This objective tracks what customers notice first when it degrades, and it is the budget the owning team spends on releases and experiments.\n\nThe window is ${slo.window}; incidents charge their bad minutes to it.`;
  return frontmatter(
    { title: slo.title, service: slo.service, sli, objective: slo.objective, window: slo.window, status: 'active', visibility: 'public' },
    body,
  );
}

// ── releases ────────────────────────────────────────────────────────────────────────────────
interface ReleaseSpec {
  id: string;
  service: string;
  /** Shipped (or rolled back) at this instant, epoch ms. */
  at: number;
  text: string;
}

const CHANGE_SUMMARIES = [
  'Tuned the {component} for the new traffic profile.',
  'Added a dashboard panel for {metric}.',
  'Moved the {component} settings into reviewed configuration.',
  'Upgraded the client library behind the {component}.',
  'Removed the legacy fallback path around the {component}.',
  'Added an alert on {metric} with a runbook link.',
  'Retries towards {other} now back off exponentially.',
  'Shipped the {project} changes behind the {flag} flag.',
] as const;
const CHANGE_TYPES = ['added', 'changed', 'fixed', 'removed', 'deprecated', 'security'] as const;

/**
 * Train name `<YYYY-MM>-<letter>` for a 14-day cadence anchored on 2026-01-05 (site config's default),
 * extended back before the anchor, since the corpus spans three years.
 */
function trainOf(ms: number): string {
  const anchor = Date.parse('2026-01-05T00:00:00Z');
  const departure = anchor + Math.floor((ms - anchor) / (14 * DAY)) * 14 * DAY;
  const month = day(departure).slice(0, 7);
  let letter = 0;
  for (let previous = departure - 14 * DAY; day(previous).slice(0, 7) === month; previous -= 14 * DAY) letter++;
  return `${month}-${String.fromCharCode(97 + letter)}`;
}

/** The words a generated story is told with, for a service and (picked lazily) another one. */
function newStory(service: (typeof SERVICES)[number], dice: Dice, pickOther: () => string): Story {
  const [component, component2] = dice.sample(COMPONENTS, 2) as [string, string];
  const [metric, metric2] = dice.sample(METRICS, 2) as [string, string];
  const story: Story = {
    service: service.id,
    serviceName: service.name,
    other: pickOther(),
    component,
    component2,
    metric,
    metric2,
    cause: dice.pick(CAUSES),
    region: dice.pick(REGIONS),
    adjective: dice.pick(ADJECTIVES),
    role: dice.pick(ROLES),
    project: codename(dice),
    host: '',
    flag: '',
    ticket: `OPS-${dice.int(1000, 9999)}`,
    partner: `${codename(dice)} ${dice.pick(['Logistics', 'Payments', 'Telecom', 'Cloud', 'Couriers', 'Analytics'])}`,
  };
  story.host = `${service.id}-${story.project.toLowerCase()}-${dice.int(1, 24)}`;
  story.flag = `${service.id.split('-')[0]}.${codename(dice).toLowerCase()}-v${dice.int(2, 9)}`;
  return story;
}

function release(index: number, dice: Dice): ReleaseSpec {
  const service = dice.pick(SERVICES);
  const others = SERVICES.filter((s) => s.id !== service.id);
  const story = newStory(service, dice, () => dice.pick(others).name);
  // The index in the minor number keeps versions unique across all releases.
  const version = `${dice.int(1, 9)}.${index + 1}.${dice.int(0, 3)}`;
  const id = `${service.id}-${version.replace(/\./g, '-')}`;
  const at = LATEST - dice.int(0, SPAN_DAYS) * DAY;
  const status = dice.chance(0.08) ? 'rolled-back' : 'shipped';
  const waived = dice.chance(0.05);
  const gates = [
    { gate: 'unit-tests', status: 'passed', evidence: `https://ci.example.com/${service.id}/builds/${dice.int(1000, 99999)}` },
    waived
      ? {
          gate: 'integration-tests',
          status: 'waived',
          waiver: {
            by: dice.pick(PEOPLE),
            reason: `The shared staging environment was unavailable; ${story.project} ships dark behind ${story.flag}.`,
          },
        }
      : {
          gate: 'integration-tests',
          status: 'passed',
          evidence: `https://ci.example.com/${service.id}/builds/${dice.int(1000, 99999)}/integration`,
        },
    { gate: 'security-review', status: 'passed', evidence: `SEC-${dice.int(1000, 9999)}` },
  ];
  const changes = Array.from({ length: dice.int(1, 4) }, () => {
    const change: Record<string, unknown> = { type: dice.pick(CHANGE_TYPES), summary: fill(dice.pick(CHANGE_SUMMARIES), story, dice) };
    if (dice.chance(0.1)) change.breaking = true;
    return change;
  });
  const data = {
    version,
    title: `${service.name} ${version}: ${story.project}`,
    train: trainOf(at),
    date: day(at),
    status,
    services: [service.id],
    gates,
    changes,
    visibility: 'public',
  };
  const body = [
    paragraph(story, dice, dice.int(2, 4)),
    status === 'rolled-back'
      ? `The release was rolled back after ${fill(dice.pick(SENTENCES), story, dice).replace(/^./, (c) => c.toLowerCase())}`
      : paragraph(story, dice, 2),
  ].join('\n\n');
  return { id, service: service.id, at, text: frontmatter(data, body) };
}

interface Postmortem {
  id: string;
  text: string;
  words: number;
}

/**
 * `releasePick` (its own random stream, so the postmortem text is otherwise unchanged) names, about
 * one time in three, the latest release of the postmortem's service shipped before the incident.
 */
function postmortem(index: number, dice: Dice, releasePick?: { dice: Dice; releases: ReleaseSpec[] }): Postmortem {
  const service = dice.pick(SERVICES);
  const others = SERVICES.filter((s) => s.id !== service.id);
  const second = dice.chance(0.35) ? dice.pick(others) : undefined;
  const story = newStory(service, dice, () => (second ?? dice.pick(others)).name);
  const { component } = story;
  const symptom = dice.pick(SYMPTOMS);
  const title = `${symptom} in ${service.name} after ${story.cause}`;
  const id = `${slugify(`${service.id}-${symptom}`).slice(0, 50).replace(/-+$/, '')}-${String(index + 1).padStart(5, '0')}`;

  const severity = dice.weighted([
    ['SEV1', 1],
    ['SEV2', 2.5],
    ['SEV3', 4],
    ['SEV4', 2.5],
  ] as const);
  const started = LATEST - dice.int(0, SPAN_DAYS) * DAY - dice.int(0, 24 * 60 - 1) * MINUTE;
  // The last ten days' incidents are still in review; everything older is published on time.
  const status = started > LATEST - 10 * DAY ? 'in-review' : 'published';
  const detected = started + dice.int(1, 45) * MINUTE;
  const acknowledged = detected + dice.int(1, 12) * MINUTE;
  const mitigated = acknowledged + dice.int(5, severity === 'SEV1' ? 240 : 120) * MINUTE;
  const resolved = mitigated + dice.int(0, 480) * MINUTE;
  const reviewed = resolved + dice.int(2, 12) * DAY;
  const services = second ? [service.id, second.id] : [service.id];
  const slos = SLOS.filter((slo) => services.includes(slo.service)).slice(0, dice.int(1, 2));
  const owners = [...new Set([service.team, ...(second ? [second.team] : [])])];
  const open = reviewed > LATEST - 60 * DAY;
  // Due dates count from the review, or from resolution while the review is pending (policy.actionItemDue).
  const dueBase = status === 'published' ? reviewed : resolved;
  const actionItems = Array.from({ length: dice.int(2, 4) }, (_, i) => {
    const priority = i === 0 ? 'P0' : dice.pick(['P1', 'P2', 'P3'] as const);
    const due = dueBase + (priority === 'P0' ? dice.int(5, 25) : priority === 'P1' ? dice.int(10, 50) : dice.int(15, 90)) * DAY;
    const done = !open || dice.chance(0.3);
    const item: Record<string, unknown> = {
      title: fill(dice.pick(ACTION_TITLES), story, dice),
      type: i === 0 ? 'prevent' : dice.pick(['prevent', 'mitigate', 'detect', 'process'] as const),
      owner: dice.pick(owners),
      due: day(due),
      status: done ? 'done' : dice.pick(['open', 'in-progress'] as const),
      priority,
    };
    if (done) item.doneAt = day(Math.min(due, dueBase + dice.int(1, 20) * DAY));
    return item;
  });

  const data: Record<string, unknown> = {
    title,
    summary: `${fill(dice.pick(INTRO), story, dice)} ${fill(dice.pick(SENTENCES), story, dice)}`,
    severity,
    status,
    visibility: dice.chance(0.5) ? 'public' : 'internal',
    services,
    authors: dice.sample(PEOPLE, dice.int(1, 2)),
    timeline: {
      started: iso(started),
      detected: iso(detected),
      acknowledged: iso(acknowledged),
      mitigated: iso(mitigated),
      resolved: iso(resolved),
    },
    impact: {
      summary: `${capitalise(symptom.toLowerCase())} for customers of the ${service.name} for ${Math.round((mitigated - started) / MINUTE)} minutes.`,
      usersAffected: dice.int(50, 90_000),
      slos: slos.map((slo) => ({ slo: slo.id, fraction: Math.round(dice.int(10, 100)) / 100 })),
    },
    detection: dice.pick(DETECTIONS),
    trigger: `${capitalise(story.cause)} affecting the ${component}.`,
    contributingFactors: dice
      .sample(FACTOR_CATEGORIES, dice.int(1, 3))
      .map((category) => ({ category, description: fill(dice.pick(SENTENCES), story, dice) })),
    actionItems,
    lessons: Object.fromEntries(
      Object.entries(LESSON_TEMPLATES).map(([key, list]) => [
        key,
        dice.sample(list, dice.int(1, 2)).map((lesson) => fill(lesson, story, dice)),
      ]),
    ),
    reviewers: dice.sample(PEOPLE, dice.int(1, 3)),
    reviewedAt: day(reviewed),
    tags: dice.sample(TAGS, dice.int(2, 4)),
  };
  if (status !== 'published') delete data.reviewedAt;
  if (releasePick && releasePick.dice.chance(0.35)) {
    // The latest release of the service before the incident.
    const latest = releasePick.releases.filter((r) => r.service === service.id && r.at <= started).sort((a, b) => b.at - a.at)[0];
    if (latest) data.releases = [latest.id];
  }

  const body = postmortemBody(story, dice, { started, detected, acknowledged, mitigated, resolved }, dice.int(800, 1500));
  return { id, text: frontmatter(data, body.text), words: body.words };
}

function postmortemBody(
  story: Story,
  dice: Dice,
  t: Record<'started' | 'detected' | 'acknowledged' | 'mitigated' | 'resolved', number>,
  target: number,
) {
  const peak = dice.int(400, 4000);
  const normal = dice.int(40, 380);
  const table = [
    '| Signal | Normal | Peak | Recovered |',
    '| --- | --- | --- | --- |',
    `| ${capitalise(story.metric)} | ${normal} | ${peak} | ${normal + dice.int(0, 30)} |`,
    `| ${capitalise(story.metric2)} | ${dice.int(1, 40)} | ${dice.int(41, 900)} | ${dice.int(1, 40)} |`,
    `| Failed requests per minute | ${dice.int(0, 12)} | ${dice.int(200, 9000)} | ${dice.int(0, 12)} |`,
  ].join('\n');
  const timeline = [
    `- ${clock(t.started)}Z: ${capitalise(story.metric)} on the ${story.serviceName} starts rising in ${story.region}.`,
    `- ${clock(t.detected)}Z: the burn-rate alert pages the owning team.`,
    `- ${clock(t.acknowledged)}Z: ${story.role} acknowledges and opens the incident channel.`,
    `- ${clock(t.mitigated)}Z: a configuration change to the ${story.component2} restores service. Mitigated.`,
    `- ${clock(t.resolved)}Z: ${story.metric} is back to normal for an hour; incident resolved.`,
  ].join('\n');
  const limit = dice.int(32, 512);
  const code = [
    '```yaml',
    `# ${story.serviceName}: ${story.component} settings after the incident`,
    `${slugify(story.component)}:`,
    `  maxConnections: ${limit}`,
    `  acquireTimeoutMs: ${dice.int(100, 2000)}`,
    `  retry:`,
    `    attempts: ${dice.int(1, 3)}`,
    `    backoffMs: ${dice.int(50, 800)}`,
    `  alert:`,
    `    metric: ${slugify(story.metric)}`,
    `    threshold: ${peak >> 1}`,
    '```',
  ].join('\n');
  const sections: [string, string[]][] = [
    ['Summary', [fill(dice.pick(INTRO), story, dice) + ' ' + paragraph(story, dice, 3), paragraph(story, dice)]],
    ['Impact', [paragraph(story, dice), table, paragraph(story, dice, 2)]],
    ['Timeline', ['All times are UTC on the day the incident started.', timeline]],
    ['What happened', [paragraph(story, dice), paragraph(story, dice)]],
    ['Contributing factors', [paragraph(story, dice), paragraph(story, dice, 4)]],
    [
      'What we changed',
      [`The ${story.component} now has an explicit limit and an alert on ${story.metric}:`, code, paragraph(story, dice, 3)],
    ],
    ['Lessons', [paragraph(story, dice, 3)]],
  ];
  const render = () => sections.map(([heading, blocks]) => `## ${heading}\n\n${blocks.join('\n\n')}`).join('\n\n');
  let text = render();
  // Grow the analysis until the body reaches its target length, then stop below 1500 words.
  const analysis = sections[3]![1];
  while (wordCount(text) < target) {
    const extra = paragraph(story, dice);
    if (wordCount(text) + wordCount(extra) > 1500) break;
    analysis.push(extra);
    text = render();
  }
  return { text, words: wordCount(text) };
}

// ── the corpus ──────────────────────────────────────────────────────────────────────────────
function prepare(dir: string) {
  if (!existsSync(dir)) return mkdirSync(dir, { recursive: true });
  const present = readdirSync(dir);
  if (present.length === 0) return;
  if (!present.includes(MARKER))
    throw new Error(`generate-corpus: ${dir} is not empty and was not generated by this script; choose an empty folder`);
  for (const name of present) rmSync(join(dir, name), { recursive: true, force: true });
}

export function generateCorpus(options: CorpusOptions): CorpusSummary {
  const { docs, seed = 1, validate = true, releases = 0 } = options;
  if (!Number.isInteger(docs) || docs < 1)
    throw new Error(`generate-corpus: docs must be a whole number of postmortems, at least 1 (got ${docs})`);
  if (!Number.isInteger(releases) || releases < 0)
    throw new Error(`generate-corpus: releases must be a whole number, 0 or more (got ${releases})`);
  const dir = resolve(options.dir);
  prepare(dir);
  const dice = new Dice(mulberry32(seed));
  let files = 0;
  const write = (path: string, text: string) => {
    const absolute = join(dir, path);
    mkdirSync(dirname(absolute), { recursive: true });
    writeFileSync(absolute, text);
    files++;
  };
  write(MARKER, `generated by scripts/generate-corpus.ts --docs ${docs} --seed ${seed}${releases ? ` --releases ${releases}` : ''}\n`);
  write(
    'almanac.yaml',
    stringify({
      name: `Generated handbook (${docs} postmortems)`,
      description: `A synthetic handbook of ${docs} postmortems for measurements.`,
      url: 'https://corpus.example.com',
      // Generated releases ignore error-budget freezes (their history is random, not governed):
      // the rule still runs on every build, as a warning, so its cost stays in the measurements.
      policies: { budgetFreeze: 'warn' },
    }),
  );
  for (const team of TEAMS) write(`teams/${team.id}.yaml`, teamFile(team));
  for (const service of SERVICES) write(`services/${service.id}.yaml`, serviceFile(service));
  for (const slo of SLOS) write(`slos/${slo.id}.mdx`, sloFile(slo));
  // Releases draw from their own streams so the postmortems' text stays as without them.
  const releaseDice = new Dice(mulberry32(seed ^ 0x5e1ea5e));
  const releaseSpecs = Array.from({ length: releases }, (_, index) => release(index, releaseDice));
  for (const spec of releaseSpecs) write(`releases/${spec.id}.mdx`, spec.text);
  const releasePick = releases ? { dice: new Dice(mulberry32(seed ^ 0x7e1ea5e)), releases: releaseSpecs } : undefined;
  const words: number[] = [];
  for (let index = 0; index < docs; index++) {
    const pm = postmortem(index, dice, releasePick);
    write(`postmortems/${pm.id}.mdx`, pm.text);
    words.push(pm.words);
  }
  if (validate) {
    const result = validateContent({ contentDir: dir, root: dirname(dir) });
    const errors = result.problems.filter((problem) => problem.level === 'error');
    if (errors.length)
      throw new Error(`generate-corpus: the generated content does not validate:\n${errors.slice(0, 20).map(formatProblem).join('\n')}`);
    const count = result.entries.filter((entry) => entry.collection === 'postmortems').length;
    if (count !== docs) throw new Error(`generate-corpus: ${count} postmortems validated, expected ${docs}`);
    const releaseCount = result.entries.filter((entry) => entry.collection === 'releases').length;
    if (releaseCount !== releases) throw new Error(`generate-corpus: ${releaseCount} releases validated, expected ${releases}`);
  }
  return {
    dir,
    teams: TEAMS.length,
    services: SERVICES.length,
    slos: SLOS.length,
    releases,
    postmortems: docs,
    words: { min: Math.min(...words), max: Math.max(...words), mean: Math.round(words.reduce((sum, n) => sum + n, 0) / words.length) },
    files,
  };
}

// ── CLI ─────────────────────────────────────────────────────────────────────────────────────
if (import.meta.main) {
  const { values } = parseArgs({
    options: {
      docs: { type: 'string', default: '1000' },
      out: { type: 'string' },
      seed: { type: 'string', default: '1' },
      releases: { type: 'string', default: '0' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help || !values.out) {
    console.log('Usage: node scripts/generate-corpus.ts --docs 1000 --out /tmp/corpus [--seed 1] [--releases 100]');
    process.exit(values.help ? 0 : 2);
  }
  const started = performance.now();
  let summary: CorpusSummary;
  try {
    summary = generateCorpus({ docs: Number(values.docs), dir: values.out, seed: Number(values.seed), releases: Number(values.releases) });
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
  console.log(
    `${summary.postmortems} postmortems (${summary.words.min}–${summary.words.max} words, mean ${summary.words.mean}), ${summary.teams} teams, ${summary.services} services, ${summary.slos} SLOs, ${summary.releases} releases ` +
      `in ${relative(process.cwd(), summary.dir) || '.'} (${summary.files} files, validated) in ${Math.round(performance.now() - started)} ms`,
  );
}
