/**
 * The machine-readable output, `dist/api/<name>.json`: one JSON array per collection, built from
 * the model (so already filtered for the audience). Field names are the contract's
 * (docs/content-model.md, "Machine-readable output"); extra fields are additions.
 *
 * References are ids of entries the audience may see. A reference to an entry it may not see is
 * left out of a list, and a single reference becomes `null`, so no hidden id is ever published.
 * Numbers are plain numbers (minutes may be fractional); a percentage is 100 × the ratio.
 */
import type { ActionItemView, Model, PostmortemView, PrdView, Ref, ReleaseView, SloView } from '../core/model.ts';
import { countsAsIncident } from '../core/insights/common.ts';
import { doraInsights, type DoraKeys } from '../core/insights/dora.ts';
import { sloInsights } from '../core/insights/slos.ts';
import { timeToXInsights, nearMissInsights } from '../core/insights/time-to-x.ts';
import { DEFAULT_TIME_ZONE } from '../core/zones.ts';

// The names are routes (`/api/<name>.json`), defined with the other routes.
import { API_DOCUMENTS, API_NAMES, type ApiDocument, type ApiName } from '../core/routes.ts';
export { API_DOCUMENTS, API_NAMES, type ApiDocument, type ApiName };

/** The id of a visible reference, else `null`. */
function refId(ref: Ref | undefined): string | null {
  return ref?.visible ? ref.id : null;
}

/** Ids of the visible references only. */
function refIds(refs: readonly Ref[]): string[] {
  return refs.flatMap((ref) => (ref.visible ? [ref.id] : []));
}

export interface ActionItemJson {
  postmortem: string;
  /** Extension: the postmortem's route. */
  postmortemUrl: string;
  title: string;
  type: string;
  /** Owning team id; `null` when the audience may not see the team. */
  owner: string | null;
  due: string;
  status: string;
  priority: string;
  link?: string;
  doneAt?: string;
  overdue: boolean;
}

function actionItemJson(item: ActionItemView): ActionItemJson {
  return {
    postmortem: item.postmortem,
    postmortemUrl: item.postmortemUrl,
    title: item.title,
    type: item.type,
    owner: refId(item.owner),
    due: item.due,
    status: item.status,
    priority: item.priority,
    ...(item.link ? { link: item.link } : {}),
    ...(item.doneAt ? { doneAt: item.doneAt } : {}),
    overdue: item.overdue,
  };
}

export function postmortemJson(view: PostmortemView) {
  const data = view.data;
  return {
    id: view.id,
    url: view.url,
    title: view.title,
    summary: data.summary,
    severity: view.severity,
    status: data.status,
    /** `incident` or `near-miss`. */
    kind: data.kind,
    visibility: data.visibility,
    services: refIds(view.services),
    /** As authored: ISO datetimes with their offsets. */
    timeline: data.timeline,
    durations: {
      toDetectMinutes: view.durations.toDetectMinutes,
      ...(view.durations.toAcknowledgeMinutes !== undefined ? { toAcknowledgeMinutes: view.durations.toAcknowledgeMinutes } : {}),
      /** `null` while the incident is not mitigated (only unpublished reviews). */
      toMitigateMinutes: view.durations.toMitigateMinutes ?? null,
      toResolveMinutes: view.durations.toResolveMinutes ?? null,
    },
    detection: data.detection ?? null,
    usersAffected: data.impact?.usersAffected ?? null,
    // Charges to SLOs the audience may not see are left out.
    sloImpact: view.sloImpact
      .filter((impact) => impact.slo.visible)
      .map((impact) => ({
        slo: impact.sloId,
        badMinutes: impact.badMinutes,
        budgetPercent: impact.budgetPercent,
        exceedsIncidentThreshold: impact.exceedsIncidentThreshold,
        // Extension: an approved exclusion (the charge is on record, not against the budget).
        ...(impact.excluded ? { excluded: impact.excluded } : {}),
      })),
    contributingFactors: data.contributingFactors.map((factor) => ({ category: factor.category, description: factor.description })),
    actionItems: view.actionItems.map(actionItemJson),
    releases: refIds(view.releases),
    prds: refIds(view.prds),
    reviewedAt: data.reviewedAt ?? null,
    /** Extension: the booked review session, or the next one for an in-review postmortem without one; else `null`. */
    reviewSession: view.reviewSession ?? null,
    reviewSessionDerived: view.reviewSessionDerived,
    tags: view.tags,
  };
}

export function sloJson(view: SloView, lastIncident?: ReturnType<typeof sloInsights>[number]['lastIncident']) {
  const data = view.data;
  const budget = view.budget;
  return {
    id: view.id,
    url: view.url,
    title: view.title,
    service: refId(view.service),
    owner: refId(view.owner),
    sli: data.sli,
    objective: data.objective,
    window: data.window,
    /** Extension: the zone of a calendar window (UTC when not authored); `null` for a rolling one. */
    timeZone: view.budget.windowKind === 'calendar' ? (data.timeZone ?? DEFAULT_TIME_ZONE) : null,
    /** Extension: the window as the pages name it, e.g. "November 2026 (calendar month, New York time)". */
    windowLabel: view.windowLabel,
    sla: data.sla ?? null,
    /** Extension: the authored lifecycle (active | retired); `status` is the budget status. */
    lifecycle: data.status,
    budgetMinutes: budget.budgetMinutes,
    consumedMinutes: budget.consumedMinutes,
    /** Every charge in the window, excluded ones included: consumedMinutes + the adjustments. */
    rawConsumedMinutes: budget.rawConsumedMinutes,
    consumedPercent: budget.consumedPercent,
    remainingMinutes: budget.remainingMinutes,
    remainingPercent: budget.remainingPercent,
    status: budget.status,
    /** The window: (asOf − window, asOf] for a rolling one, the whole calendar period for a calendar one. */
    windowStart: new Date(budget.windowStart).toISOString(),
    windowEnd: new Date(budget.windowEnd).toISOString(),
    /**
     * Excluded charges of visible postmortems in the window: in rawConsumedMinutes, not in
     * consumedMinutes. Those of postmortems the audience may not see are only summed below.
     */
    adjustments: view.visibleAdjustments.map((charge) => ({
      postmortem: charge.postmortem,
      minutes: charge.badMinutes,
      reason: charge.excluded.reason,
      approvedBy: charge.excluded.approvedBy,
      ...(charge.excluded.note ? { note: charge.excluded.note } : {}),
    })),
    unlistedAdjustments: view.unlistedAdjustments.count,
    unlistedAdjustmentMinutes: view.unlistedAdjustments.badMinutes,
    /** Visible postmortems whose counted charges fall in the window, oldest first (excluded ones: `adjustments`). */
    incidents: view.visibleCharges.map((charge) => charge.postmortem),
    /** Incidents in the window the audience may not see: counted in consumedMinutes, never named. */
    unlistedIncidents: view.unlistedCharges.count,
    unlistedMinutes: Math.round(view.unlistedCharges.badMinutes * 1e6) / 1e6,
    lastIncident: lastIncident
      ? {
          postmortem: lastIncident.postmortem.visible ? lastIncident.postmortem.id : null,
          started: lastIncident.started,
          badMinutes: lastIncident.badMinutes,
          budgetPercent: lastIncident.budgetPercent,
          durationMinutes: lastIncident.durationMinutes,
          burnRate: lastIncident.burnRate ?? null,
        }
      : null,
  };
}

export function releaseJson(view: ReleaseView) {
  const data = view.data;
  const visiblePrds = new Set(refIds(view.prds));
  return {
    id: view.id,
    url: view.url,
    version: data.version,
    title: view.title,
    train: data.train,
    date: data.date,
    status: data.status,
    hotfix: data.hotfix,
    services: refIds(view.services),
    /** Visible postmortems this release remediates. */
    fixes: refIds(view.fixes),
    gates: data.gates.map((gate) => ({ ...gate })),
    changes: data.changes.map(({ prd, ...change }) => ({ ...change, ...(prd && visiblePrds.has(prd) ? { prd } : {}) })),
    /** Visible postmortems that name this release. */
    incidents: refIds(view.incidents),
    prds: [...visiblePrds],
    /** Extension: the SLO budgets the release shipped into, when one was exhausted at its date (policy budgetFreeze). */
    freeze: view.freeze
      ? {
          /** hotfix | fix-only | exception | breaks. */
          outcome: view.freeze.outcome,
          expiredException: view.freeze.expiredException,
          slos: view.freeze.exhausted
            .filter((slo) => slo.slo.visible)
            .map((slo) => ({
              slo: refId(slo.slo),
              budgetMinutes: slo.budgetMinutes,
              consumedMinutes: slo.consumedMinutes,
              consumedPercent: slo.consumedPercent,
            })),
        }
      : null,
    budgetException: data.budgetException ?? null,
  };
}

/**
 * `dist/api/reviews.json`: the upcoming review sessions with items, `{ date, kind, items }`, items
 * being the ids of the in-review postmortems or PRDs booked into it.
 */
export function reviewsApi(model: Model) {
  return model.reviews.map((session) => ({
    date: session.date,
    kind: session.kind,
    items: session.kind === 'postmortem' ? session.postmortems.map((view) => view.id) : session.prds.map((view) => view.id),
    /** Extension: the pre-read pack's route and the day to read it by. */
    url: session.url,
    readBy: session.readBy,
  }));
}

export function prdJson(view: PrdView) {
  const data = view.data;
  return {
    id: view.id,
    url: view.url,
    title: view.title,
    summary: data.summary,
    status: data.status,
    owner: refId(view.owner),
    authors: data.authors,
    created: data.created,
    /** The booked session, or the next one for an in-review PRD without one; else `null`. */
    reviewSession: view.reviewSession ?? null,
    reviewSessionDerived: view.reviewSessionDerived,
    decisions: data.review?.decisions ?? [],
    /** `null` when not superseded or when the successor is not visible to the audience. */
    supersededBy: refId(view.supersededBy),
    slos: refIds(view.slos),
    releases: refIds(view.releases),
    tags: view.tags,
  };
}

export const postmortemsApi = (model: Model) => model.postmortems.map(postmortemJson);
export function slosApi(model: Model) {
  const burn = new Map(sloInsights(model).map((insight) => [insight.slo.id, insight.lastIncident]));
  return model.slos.map((view) => sloJson(view, burn.get(view.id)));
}
export const releasesApi = (model: Model) => model.releases.map(releaseJson);
export const prdsApi = (model: Model) => model.prds.map(prdJson);
export const actionItemsApi = (model: Model): ActionItemJson[] => model.actionItems.map(actionItemJson);

/** The array published as `dist/api/<name>.json`. */
export function apiArray(model: Model, name: ApiName): unknown[] {
  switch (name) {
    case 'postmortems':
      return postmortemsApi(model);
    case 'slos':
      return slosApi(model);
    case 'releases':
      return releasesApi(model);
    case 'prds':
      return prdsApi(model);
    case 'action-items':
      return actionItemsApi(model);
    case 'reviews':
      return reviewsApi(model);
  }
}

export function isApiName(value: string | undefined): value is ApiName {
  return (API_NAMES as readonly string[]).includes(value ?? '');
}

export function isApiDocument(value: string | undefined): value is ApiDocument {
  return (API_DOCUMENTS as readonly string[]).includes(value ?? '');
}

/** The DORA keys as published: absent figures (no deployment, n = 0) are left out of the object. */
function keysJson(keys: DoraKeys) {
  return {
    deployments: keys.deployments,
    deploymentsPerWeek: keys.deploymentsPerWeek,
    failedDeployments: keys.failedDeployments,
    ...(keys.changeFailRate === undefined ? {} : { changeFailRate: keys.changeFailRate }),
    failedDeploymentRecoveryMinutes: { ...keys.failedDeploymentRecoveryMinutes },
    hotfixDeployments: keys.hotfixDeployments,
    ...(keys.reworkRate === undefined ? {} : { reworkRate: keys.reworkRate }),
    leadTimeHours: { ...keys.leadTimeHours },
  };
}

/** `dist/api/dora.json`: `{ from, to, org, services: [{ service, ...keys }] }` over the 90 days ending at the as-of instant. */
export function doraApi(model: Model) {
  const report = doraInsights(model);
  return {
    from: report.from,
    to: report.to,
    windowDays: report.windowDays,
    org: keysJson(report.org),
    services: report.services.map(({ service, ...keys }) => ({ service, ...keysJson(keys) })),
  };
}

/**
 * `dist/api/insights.json`: time-to-x distributions (minutes) of the visible incidents (not near
 * misses, not drafts) that started in the 90 days ending at the as-of instant, the same for the
 * 90 days before, whether a trend can be called, and the near-miss count.
 */
export function insightsApi(model: Model) {
  const figures = timeToXInsights(model.postmortems.filter(countsAsIncident), model.site.now);
  const nearMisses = nearMissInsights(model.postmortems, model.site.now);
  return {
    from: figures.from,
    to: figures.to,
    windowDays: figures.windowDays,
    incidents: figures.incidents,
    timeToX: figures.timeToX,
    previous: figures.previous,
    trends: figures.trends,
    nearMisses: {
      from: nearMisses.from,
      to: nearMisses.to,
      count: nearMisses.count,
      previousCount: nearMisses.previousCount,
      trend: nearMisses.trend,
    },
  };
}

/** The object published as `dist/api/<name>.json`. */
export function apiDocument(model: Model, name: ApiDocument): unknown {
  return name === 'dora' ? doraApi(model) : insightsApi(model);
}
