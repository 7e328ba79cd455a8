/**
 * The handbook model: every entry the audience may see, with everything derived from it —
 * durations, budgets, overdue flags, review sessions, staleness, backlinks and tags. Pages, JSON,
 * feeds, search and cards render this; none of them computes or filters on its own.
 */
import type { CollectionName, ReferenceUse } from './schemas/common.ts';
import { collectionSpecs } from './schemas/index.ts';
import type { SiteConfig } from './schemas/config.ts';
import type { HandbookPage } from './schemas/handbook.ts';
import type { Postmortem } from './schemas/postmortems.ts';
import type { Prd } from './schemas/prds.ts';
import type { Release } from './schemas/releases.ts';
import type { Service } from './schemas/services.ts';
import type { Slo } from './schemas/slos.ts';
import type { Team } from './schemas/teams.ts';
import { isDraft, isVisible, type AudienceContext } from './audience.ts';
import {
  budgetMinutes,
  incidentCharges,
  roundMinutes,
  sloBudget,
  type BudgetReport,
  type Exclusion,
  type IncidentForBudget,
  type SloTarget,
} from './budgets.ts';
import { nextOccurrence, nextTrain, type Train } from './calendar.ts';
import { incidentDurations, type Durations } from './durations.ts';
import type { Audience } from './audience.ts';
import { slugify } from './ids.ts';
import { entryPath } from './routes.ts';
import { dayStart, durationMinutes, instant, isoDate, MINUTE_MS } from './time.ts';
import type { Entry } from './entry.ts';
import { windowLabel } from './windows.ts';
import {
  factorShares,
  freezeHistoryStart,
  freezePeriods,
  releaseFreeze,
  type FactorShare,
  type FreezeOutcome,
  type PolicySlo,
} from './governance.ts';
import { upcomingSessions, type ReviewSession } from './reviews.ts';

/** The data an entry needs to enter the model (a validated `Entry`, or an Astro collection entry). */
export type ModelInput = Pick<Entry, 'collection' | 'id' | 'data'> & {
  file?: string;
  digest?: string;
  lastModified?: string;
  /** The open questions a postmortem body marks with `<Question>`, read from its syntax tree. */
  questions?: string[];
};

export interface BuildOptions extends AudienceContext {
  config: SiteConfig;
  /** The as-of instant, epoch ms. */
  now: number;
}

/** A reference as a reader sees it: a link to a visible entry, or a neutral phrase. */
export type Ref =
  | { visible: true; collection: CollectionName; id: string; url: string; title: string }
  | { visible: false; collection: CollectionName; label: string };

interface Base<C extends CollectionName, D> {
  collection: C;
  id: string;
  url: string;
  title: string;
  data: D;
  /** Source file relative to the project root. */
  file?: string;
  digest?: string;
  /** ISO datetime of the last commit touching the file, when git knows it. */
  lastModified?: string;
  /** Shown only in `astro dev`, with a banner. */
  draft: boolean;
  /** The date used for sorting and the `year` facet (`YYYY-MM-DD`), when the entry has one. */
  date?: string;
  tags: string[];
}

export interface ActionItemView {
  postmortem: string;
  postmortemTitle: string;
  postmortemUrl: string;
  index: number;
  title: string;
  type: Postmortem['actionItems'][number]['type'];
  owner: Ref;
  ownerId: string;
  due: string;
  status: Postmortem['actionItems'][number]['status'];
  priority: Postmortem['actionItems'][number]['priority'];
  link?: string;
  doneAt?: string;
  overdue: boolean;
}

export interface SloImpactView {
  slo: Ref;
  sloId: string;
  badMinutes: number;
  budgetPercent: number;
  /** Alone consumed more than the configured share of the budget (default 20%); never when excluded. */
  exceedsIncidentThreshold: boolean;
  /** Why the charge does not count against the budget, when it does not. */
  excluded?: Exclusion;
}

export type TeamView = Base<'teams', Team>;
export interface ServiceView extends Base<'services', Service> {
  team: Ref;
  dependsOn: Ref[];
}
export interface SloView extends Base<'slos', Slo> {
  service: Ref;
  owner: Ref;
  ownerId: string;
  budget: BudgetReport;
  /** Charges by incidents the audience may see. */
  visibleCharges: (BudgetReport['charges'][number] & { ref: Ref })[];
  /** Charges by incidents the audience may not see: counted, never named. */
  unlistedCharges: { count: number; badMinutes: number };
  /** Excluded charges (the adjustments ledger) by incidents the audience may see. */
  visibleAdjustments: (BudgetReport['adjustments'][number] & { ref: Ref })[];
  /** Excluded charges by incidents the audience may not see: in the raw total, never named. */
  unlistedAdjustments: { count: number; badMinutes: number };
  /** The window as a reader names it: "30d, rolling", "November 2026 (calendar month, New York time)". */
  windowLabel: string;
  /** budgetMinutes of the SLA objective over the same window, when there is an SLA. */
  slaBudgetMinutes?: number;
}
export interface PostmortemView extends Base<'postmortems', Postmortem> {
  severity: string;
  services: Ref[];
  durations: Durations;
  sloImpact: SloImpactView[];
  actionItems: ActionItemView[];
  releases: Ref[];
  prds: Ref[];
  /** The booked review session, or the next one for an in-review postmortem without one. */
  reviewSession?: string;
  /** Whether `reviewSession` was derived from the cadence rather than authored. */
  reviewSessionDerived: boolean;
  /** Open questions marked with `<Question>` in the body, in order. */
  questions: string[];
}

/** A release that shipped while an SLO of its services had an exhausted error budget. */
export interface ReleaseFreezeView {
  outcome: FreezeOutcome;
  expiredException: boolean;
  /** The release date, where the budgets were taken (00:00 UTC). */
  date: string;
  exhausted: { slo: Ref; service: Ref; budgetMinutes: number; consumedMinutes: number; consumedPercent: number }[];
}

export interface FreezePeriodView {
  service: Ref;
  from: string;
  to: string;
  slos: Ref[];
  ongoing: boolean;
}

export interface FactorShareView {
  share: FactorShare;
  slo: Ref;
  /** The incidents counted (the audience's view: hidden ones as a neutral phrase), with their minutes. */
  incidents: { postmortem: Ref; minutes: number }[];
}

export interface GovernanceView {
  /** Freeze periods per service over the history (first and last day, inclusive). */
  freezePeriods: FreezePeriodView[];
  historyFrom: string;
  historyTo: string;
  /** Every category's share of an SLO's budget per quarter. */
  factorShares: FactorShareView[];
}

export interface ReleaseView extends Base<'releases', Release> {
  services: Ref[];
  /** Postmortems this release remediates (`fixes`). */
  fixes: Ref[];
  /** Postmortems that name this release. */
  incidents: Ref[];
  /** PRDs delivered, from `changes[].prd` and PRDs naming this release. */
  prds: Ref[];
  /** Present when the release shipped into an error-budget freeze (policy budgetFreeze). */
  freeze?: ReleaseFreezeView;
}
export interface PrdView extends Base<'prds', Prd> {
  owner: Ref;
  /** The booked session, or the next one for an in-review PRD without one. */
  reviewSession?: string;
  /** Whether `reviewSession` was derived from the cadence rather than authored. */
  reviewSessionDerived: boolean;
  supersededBy?: Ref;
  /** PRDs this one replaces. */
  supersedes: Ref[];
  /** From this PRD to the newest in its supersede chain. */
  chain: Ref[];
  slos: Ref[];
  releases: Ref[];
}
export interface HandbookView extends Base<'handbook', HandbookPage> {
  owner: Ref;
  /** `lastReviewed + reviewEvery` (YYYY-MM-DD). */
  reviewDue: string;
  stale: boolean;
}

export type AnyView = TeamView | ServiceView | SloView | PostmortemView | ReleaseView | PrdView | HandbookView;

export interface TagView {
  slug: string;
  label: string;
  entries: AnyView[];
}

export interface SiteInfo {
  name: string;
  /** Repository for edit links; the public build uses only `public.repository`. */
  repository?: string;
  description: string;
  url: string;
  audience: Audience;
  /** Banner shown on every page (the public build's explanation). */
  banner?: string;
  now: number;
  includeDrafts: boolean;
}

export interface Model {
  site: SiteInfo;
  config: SiteConfig;
  teams: TeamView[];
  services: ServiceView[];
  slos: SloView[];
  postmortems: PostmortemView[];
  releases: ReleaseView[];
  prds: PrdView[];
  handbook: HandbookView[];
  actionItems: ActionItemView[];
  tags: TagView[];
  nextTrain: Train;
  nextReviewSession: string;
  /** The next postmortem review session on or after the as-of date. */
  nextPostmortemReviewSession: string;
  /** Upcoming review sessions of both kinds that have items, by date. */
  reviews: ReviewSession<PostmortemView, PrdView>[];
  /** The error-budget policy over time: freeze periods and factor shares. */
  governance: GovernanceView;
  /** A visible entry by collection and id. */
  get<C extends CollectionName>(collection: C, id: string): ViewOf<C> | undefined;
  /** Everything visible in one list. */
  all(): AnyView[];
}

/** The model without its lookups: plain data, which a structured clone (`node:v8` serialize) keeps whole. */
export type ModelData = Omit<Model, 'get' | 'all'>;

/** Every visible view in one list, in the order `Model.all()` gives them. */
function allViews(data: ModelData): AnyView[] {
  return [...data.postmortems, ...data.slos, ...data.releases, ...data.prds, ...data.handbook, ...data.services, ...data.teams];
}

/** Adds the lookups to a model's data: to a freshly built model, or to one read back from a snapshot. */
export function withLookups(data: ModelData): Model {
  const index = new Map<string, AnyView>(allViews(data).map((view) => [`${view.collection}/${view.id}`, view]));
  return {
    ...data,
    get: <C extends CollectionName>(collection: C, id: string) => index.get(`${collection}/${id}`) as ViewOf<C> | undefined,
    all: () => allViews(data),
  };
}

export type ViewOf<C extends CollectionName> = Extract<AnyView, { collection: C }>;

const HIDDEN_LABEL: Record<CollectionName, string> = {
  teams: 'an internal team',
  services: 'an internal service',
  slos: 'an internal SLO',
  postmortems: 'an internal review',
  releases: 'an internal release',
  prds: 'an internal PRD',
  handbook: 'an internal page',
};

export function tagUrl(tag: string): string {
  return `/tags/${slugify(tag)}/`;
}

function titleOf(input: ModelInput): string {
  const data = input.data;
  switch (input.collection) {
    case 'teams':
    case 'services':
      return data.name;
    case 'releases':
      return data.title ?? data.version;
    default:
      return data.title;
  }
}

const byDateDesc = (a: { date?: string; title: string }, b: { date?: string; title: string }) =>
  (b.date ?? '').localeCompare(a.date ?? '') || a.title.localeCompare(b.title);

export function buildModel(inputs: readonly ModelInput[], options: BuildOptions): Model {
  const { config, now } = options;
  const today = isoDate(now);
  const atRisk = config.thresholds.atRiskPercent;
  const incidentThreshold = config.thresholds.incidentBudgetPercent;

  // Drafts are gone before anything else happens (unless this is `astro dev`).
  const known = inputs.filter((input) => options.includeDrafts || !isDraft(input));
  const visibleKeys = new Set(known.filter((input) => isVisible(input, options)).map((input) => `${input.collection}/${input.id}`));
  const inputByKey = new Map(known.map((input) => [`${input.collection}/${input.id}`, input]));
  const of = (collection: CollectionName) => known.filter((input) => input.collection === collection);

  const ref = (collection: CollectionName, id: string): Ref => {
    const key = `${collection}/${id}`;
    const target = inputByKey.get(key);
    if (target && visibleKeys.has(key)) return { visible: true, collection, id, url: entryPath(collection, id), title: titleOf(target) };
    return { visible: false, collection, label: HIDDEN_LABEL[collection] };
  };
  const refs = (collection: CollectionName, ids: readonly string[] = []) => ids.map((id) => ref(collection, id));
  const specs = collectionSpecs(config);
  const isShown = (collection: CollectionName, id: string) => visibleKeys.has(`${collection}/${id}`);
  const base = <C extends CollectionName>(input: ModelInput, collection: C, date?: string, tags: string[] = []) => ({
    collection,
    id: input.id,
    url: entryPath(collection, input.id),
    title: titleOf(input),
    data: redactHiddenReferences(input.data, specs[collection].references(input.data), isShown),
    file: input.file,
    digest: input.digest,
    lastModified: input.lastModified,
    draft: isDraft(input),
    date,
    tags,
  });
  const visibleOf = (collection: CollectionName) => of(collection).filter((input) => visibleKeys.has(`${collection}/${input.id}`));

  const targets = new Map<string, SloTarget>(
    of('slos').map((slo) => [slo.id, { objective: slo.data.objective, window: slo.data.window, timeZone: slo.data.timeZone }]),
  );
  const serviceTeam = new Map<string, string>(of('services').map((service) => [service.id, service.data.team]));
  // Drafts shown by `astro dev` still never charge a budget (budgets.ts skips them by status).
  const allIncidents: IncidentForBudget[] = of('postmortems').map((input) => ({
    id: input.id,
    timeline: input.data.timeline,
    impact: input.data.impact,
    status: input.data.status,
    kind: (input.data as { kind?: string }).kind,
  }));

  const teams: TeamView[] = visibleOf('teams').map((input) => base(input, 'teams'));
  const services: ServiceView[] = visibleOf('services').map((input) => ({
    ...base(input, 'services'),
    team: ref('teams', input.data.team),
    dependsOn: refs('services', input.data.dependsOn),
  }));

  const nextPostmortemReviewSession = nextOccurrence(config.postmortemReviews, today).date;
  const postmortems: PostmortemView[] = visibleOf('postmortems').map((input) => {
    const data = input.data as Postmortem;
    const view = base(input, 'postmortems', data.timeline.started.slice(0, 10), data.tags) as PostmortemView;
    view.severity = data.severity;
    view.services = refs('services', data.services);
    view.durations = incidentDurations(data.timeline);
    view.sloImpact = incidentCharges({ id: input.id, timeline: data.timeline, impact: data.impact }, targets, now).map((charge) => ({
      slo: ref('slos', charge.slo),
      sloId: isShown('slos', charge.slo) ? charge.slo : '',
      badMinutes: charge.badMinutes,
      budgetPercent: charge.budgetPercent,
      // An excluded charge does not count against the budget, so it cannot exceed a share of it.
      exceedsIncidentThreshold: !charge.excluded && charge.budgetPercent > incidentThreshold,
      ...(charge.excluded ? { excluded: charge.excluded } : {}),
    }));
    view.actionItems = data.actionItems.map((item, index) => ({
      postmortem: input.id,
      postmortemTitle: view.title,
      postmortemUrl: view.url,
      index,
      title: item.title,
      type: item.type,
      owner: ref('teams', item.owner),
      ownerId: isShown('teams', item.owner) ? item.owner : '',
      due: item.due,
      status: item.status,
      priority: item.priority,
      link: item.link,
      doneAt: item.doneAt,
      overdue: (item.status === 'open' || item.status === 'in-progress') && item.due < today,
    }));
    view.releases = refs('releases', data.releases);
    view.prds = refs('prds', data.prds);
    const session = data.review?.session;
    view.reviewSessionDerived = !session && data.status === 'in-review';
    view.reviewSession = session ?? (view.reviewSessionDerived ? nextPostmortemReviewSession : undefined);
    view.questions = input.questions ?? [];
    return view;
  });

  const slos: SloView[] = visibleOf('slos').map((input) => {
    const data = input.data as Slo;
    const ownerTeam = data.owner ?? serviceTeam.get(data.service) ?? '';
    const ownerId = isShown('teams', ownerTeam) ? ownerTeam : '';
    const budget = sloBudget(
      input.id,
      { objective: data.objective, window: data.window, timeZone: data.timeZone },
      allIncidents,
      now,
      atRisk,
    );
    const listed = (charge: { postmortem: string }) => visibleKeys.has(`postmortems/${charge.postmortem}`);
    const visibleCharges = budget.charges.filter(listed).map((charge) => ({ ...charge, ref: ref('postmortems', charge.postmortem) }));
    const unlisted = budget.charges.filter((charge) => !listed(charge));
    const hiddenAdjustments = budget.adjustments.filter((charge) => !listed(charge));
    return {
      ...base(input, 'slos'),
      service: ref('services', data.service),
      owner: ref('teams', ownerTeam),
      ownerId,
      budget,
      visibleCharges,
      unlistedCharges: { count: unlisted.length, badMinutes: unlisted.reduce((sum, charge) => sum + charge.badMinutes, 0) },
      visibleAdjustments: budget.adjustments.filter(listed).map((charge) => ({ ...charge, ref: ref('postmortems', charge.postmortem) })),
      unlistedAdjustments: {
        count: hiddenAdjustments.length,
        badMinutes: roundMinutes(hiddenAdjustments.reduce((sum, charge) => sum + charge.badMinutes, 0)),
      },
      windowLabel: windowLabel(data, now),
      slaBudgetMinutes: data.sla
        ? budgetMinutes({ objective: data.sla.objective, window: data.window, timeZone: data.timeZone }, now)
        : undefined,
    };
  });

  const prdsNamingRelease = new Map<string, string[]>();
  for (const prd of of('prds'))
    for (const release of prd.data.releases ?? []) prdsNamingRelease.set(release, [...(prdsNamingRelease.get(release) ?? []), prd.id]);
  // The postmortems that name each release, found in one pass (not one pass per release).
  const postmortemsNaming = new Map<string, Ref[]>();
  for (const pm of postmortems)
    for (const id of new Set((pm.data.releases as string[] | undefined) ?? [])) {
      const list = postmortemsNaming.get(id);
      if (list) list.push(ref('postmortems', pm.id));
      else postmortemsNaming.set(id, [ref('postmortems', pm.id)]);
    }

  const policySlos: PolicySlo[] = of('slos').map((input) => ({
    id: input.id,
    service: input.data.service,
    status: input.data.status,
    objective: input.data.objective,
    window: input.data.window,
    timeZone: input.data.timeZone,
  }));
  const releases: ReleaseView[] = visibleOf('releases').map((input) => {
    const data = input.data as Release;
    // Budgets count every incident, but only SLOs this audience sees are named (with their figures).
    const found = releaseFreeze(data, policySlos, allIncidents, atRisk);
    const shownExhausted = found?.exhausted.filter((check) => isShown('slos', check.slo)) ?? [];
    const freeze = found && shownExhausted.length > 0 ? { ...found, exhausted: shownExhausted } : undefined;
    const prdIds = new Set<string>([
      ...data.changes.flatMap((change) => (change.prd ? [change.prd] : [])),
      ...(prdsNamingRelease.get(input.id) ?? []),
    ]);
    return {
      ...base(input, 'releases', data.date),
      services: refs('services', data.services),
      fixes: refs('postmortems', data.fixes),
      incidents: postmortemsNaming.get(input.id) ?? [],
      prds: refs('prds', [...prdIds]),
      freeze: freeze && {
        outcome: freeze.outcome,
        expiredException: freeze.expiredException,
        date: data.date,
        exhausted: freeze.exhausted.map((check) => ({
          slo: ref('slos', check.slo),
          service: ref('services', check.service),
          budgetMinutes: check.budget.budgetMinutes,
          consumedMinutes: check.budget.consumedMinutes,
          consumedPercent: check.budget.consumedPercent,
        })),
      },
    };
  });

  const reviewCadence = config.prdReviews;
  const nextReviewSession = nextOccurrence(reviewCadence, today).date;
  const prdInputs = new Map(of('prds').map((input) => [input.id, input]));
  const prds: PrdView[] = visibleOf('prds').map((input) => {
    const data = input.data as Prd;
    const authored = data.review?.session;
    const derived = !authored && data.status === 'in-review';
    const chain: Ref[] = [];
    const seen = new Set([input.id]);
    for (let next = data.supersededBy; next && !seen.has(next); next = prdInputs.get(next)?.data.supersededBy) {
      seen.add(next);
      chain.push(ref('prds', next));
    }
    return {
      ...base(input, 'prds', data.created, data.tags),
      owner: ref('teams', data.owner),
      reviewSession: authored ?? (derived ? nextReviewSession : undefined),
      reviewSessionDerived: derived,
      supersededBy: data.supersededBy ? ref('prds', data.supersededBy) : undefined,
      supersedes: of('prds')
        .filter((other) => other.data.supersededBy === input.id)
        .map((other) => ref('prds', other.id)),
      chain,
      slos: refs('slos', data.slos),
      releases: refs('releases', data.releases),
    };
  });

  const handbook: HandbookView[] = visibleOf('handbook').map((input) => {
    const data = input.data as HandbookPage;
    const dueAt = dayStart(data.lastReviewed) + durationMinutes(data.reviewEvery) * MINUTE_MS;
    return {
      ...base(input, 'handbook', data.lastReviewed),
      owner: ref('teams', data.owner),
      reviewDue: isoDate(dueAt),
      stale: dueAt < now,
    };
  });

  postmortems.sort((a, b) => instant(b.data.timeline.started) - instant(a.data.timeline.started) || a.id.localeCompare(b.id));
  releases.sort(byDateDesc);
  prds.sort(byDateDesc);
  handbook.sort((a, b) => (a.data.order ?? Infinity) - (b.data.order ?? Infinity) || a.title.localeCompare(b.title));
  for (const list of [teams, services, slos] as { title: string }[][]) list.sort((a, b) => a.title.localeCompare(b.title));

  const actionItems = postmortems
    .flatMap((pm) => pm.actionItems)
    .sort((a, b) => a.due.localeCompare(b.due) || a.postmortem.localeCompare(b.postmortem) || a.index - b.index);

  const historyFrom = freezeHistoryStart(today);
  const sloBudgets = new Map(slos.map((view) => [view.id, view.budget.budgetMinutes]));
  const factorIncidents = of('postmortems').map((input, index) => ({
    ...allIncidents[index],
    contributingFactors: input.data.contributingFactors ?? [],
    actionItems: input.data.actionItems ?? [],
  }));
  const governance: GovernanceView = {
    historyFrom,
    historyTo: today,
    freezePeriods: freezePeriods(
      policySlos.filter((slo) => isShown('slos', slo.id)),
      allIncidents,
      historyFrom,
      today,
      now,
      atRisk,
    ).map((period) => ({
      service: ref('services', period.service),
      from: period.from,
      to: period.to,
      slos: refs('slos', period.slos),
      ongoing: period.ongoing,
    })),
    factorShares: factorShares(
      policySlos.filter((slo) => sloBudgets.has(slo.id)).map((slo) => ({ ...slo, budgetMinutes: sloBudgets.get(slo.id)! })),
      factorIncidents,
      now,
      incidentThreshold,
    ).map((share) => ({
      share,
      slo: ref('slos', share.slo),
      incidents: share.incidents.map((counted) => ({ postmortem: ref('postmortems', counted.postmortem), minutes: counted.minutes })),
    })),
  };

  const tagMap = new Map<string, TagView>();
  for (const view of [...postmortems, ...slos, ...releases, ...prds, ...handbook, ...services, ...teams]) {
    for (const tag of view.tags) {
      const slug = slugify(tag);
      const entry = tagMap.get(slug) ?? { slug, label: tag, entries: [] };
      if (!entry.entries.includes(view)) entry.entries.push(view);
      tagMap.set(slug, entry);
    }
  }

  const isPublic = options.audience === 'public';
  return withLookups({
    site: {
      name: (isPublic && config.public.name) || config.name,
      repository: isPublic ? config.public.repository : config.repository,
      description: config.description,
      url: ((isPublic && config.public.url) || config.url).replace(/\/+$/, ''),
      audience: options.audience,
      banner: isPublic ? config.public.banner : undefined,
      now,
      includeDrafts: options.includeDrafts,
    },
    config,
    teams,
    services,
    slos,
    postmortems,
    releases,
    prds,
    handbook,
    actionItems,
    tags: [...tagMap.values()].sort((a, b) => a.label.localeCompare(b.label)),
    nextTrain: nextTrain(config.releaseTrains, now),
    nextReviewSession,
    nextPostmortemReviewSession,
    reviews: upcomingSessions(postmortems, prds, today),
    governance,
  });
}

/**
 * A copy of an entry's data without the ids of entries the audience may not see: an id in a
 * list is removed, an SLO charge to a hidden SLO is dropped, a single reference is cleared.
 * Views carry `Ref`s (a neutral phrase for hidden targets) for display; the raw data can then be
 * rendered or serialised by any output without revealing a hidden entry.
 */
export function redactHiddenReferences<T>(
  data: T,
  uses: readonly ReferenceUse[],
  isShown: (collection: CollectionName, id: string) => boolean,
): T {
  const hidden = uses.filter((use) => !isShown(use.collection, use.id));
  if (hidden.length === 0) return data;
  const copy = structuredClone(data) as any;
  const removals: { list: unknown[]; index: number }[] = [];
  for (const use of hidden) {
    const path = use.path[0] === 'impact' && use.path[1] === 'slos' ? use.path.slice(0, 3) : use.path;
    const parent = path.slice(0, -1).reduce((node: any, key) => node?.[key], copy);
    const last = path[path.length - 1];
    if (Array.isArray(parent) && typeof last === 'number') removals.push({ list: parent, index: last });
    else if (parent) delete parent[last];
  }
  // Remove from the end so earlier indexes stay valid.
  removals.sort((a, b) => b.index - a.index).forEach(({ list, index }) => list.splice(index, 1));
  return copy;
}

/** Stable URL of an entry's OG card. */
export function cardPath(collection: CollectionName, id: string): string {
  return `/og/${collection}/${id}.png`;
}

/** Stable URL of a section page's OG card (`home`, `postmortems`, `insights`, …). */
export function sectionCardPath(section: string): string {
  return `/og/sections/${section}.png`;
}

/** Stable URL of a tag page's card. */
export function tagCardPath(slug: string): string {
  return `/og/tags/${slug}.png`;
}
