/**
 * The error-budget policy as code (content model, "Error-budget policy (budgetFreeze)"). Pure:
 * every budget is computed by budgets.ts as of an instant passed in, so "exhausted at the
 * release's date" is the same computation the SLO pages make at the as-of instant.
 *
 * - A release with status shipped, in-progress or rolled-back, on a service with an SLO whose
 *   budget was exhausted at the release date (00:00 UTC), ships during a freeze. It may: be a
 *   hotfix with `fixes`, carry only `fixed` and `security` changes, or hold a `budgetException`
 *   whose `until` is on or after the release date. Otherwise it breaks the freeze.
 * - Freeze periods: the days (at 00:00 UTC) on which a service had an exhausted SLO budget.
 * - Factor shares: the bad minutes the incidents of one contributing-factor category charged one
 *   SLO within one calendar quarter (UTC), as a percentage of that SLO's budget.
 */
import {
  chargeInWindow,
  chargesBudgets,
  percentOf,
  roundMinutes,
  sloBudget,
  type BudgetReport,
  type IncidentForBudget,
  type SloTarget,
} from './budgets.ts';
import { addDays, DAY_MS, dayStart, instant, isoDate } from './time.ts';
import { calendarPeriod } from './windows.ts';
import { oncePerList } from './lists.ts';

/** Release statuses the freeze applies to: the release reached (or is reaching) production. */
export const FREEZE_RELEASE_STATUSES = ['shipped', 'in-progress', 'rolled-back'] as const;
/** Change types that may ship during a freeze. */
export const FREEZE_CHANGE_TYPES = ['fixed', 'security'] as const;
/** Days of history the freeze periods on `/insights/` cover, ending at the as-of date. */
export const FREEZE_HISTORY_DAYS = 90;

/** What the policy needs of an SLO. */
export interface PolicySlo extends SloTarget {
  id: string;
  service: string;
  /** A draft SLO never counts. */
  status?: string;
}

/** What the freeze needs of a release. */
export interface FreezeRelease {
  date: string;
  status: string;
  services: readonly string[];
  hotfix: boolean;
  fixes: readonly string[];
  changes: readonly { type: string }[];
  budgetException?: { approvedBy: string; reason: string; until: string };
}

/**
 * How a release relates to a freeze: `hotfix` (a hotfix with `fixes`), `fix-only` (only fixed and
 * security changes), `exception` (a `budgetException` valid at the release date), `breaks` (none of
 * these).
 */
export type FreezeOutcome = 'hotfix' | 'fix-only' | 'exception' | 'breaks';

export interface ExhaustedSlo {
  slo: string;
  service: string;
  /** The budget as of the release date at 00:00 UTC. */
  budget: BudgetReport;
}

export interface ReleaseFreeze {
  /** Epoch ms: the release date at 00:00 UTC, where the budgets were taken. */
  at: number;
  /** The SLOs of the release's services whose budget was exhausted then (at least one). */
  exhausted: ExhaustedSlo[];
  outcome: FreezeOutcome;
  /** A `budgetException` is present but its `until` is before the release date. */
  expiredException: boolean;
}

const counts = (slo: PolicySlo) => slo.status !== 'draft';

/**
 * The incidents of a list that charge each SLO. A budget counts only those; grouping them once per
 * list (every release and every day of a freeze check asks again) keeps these checks linear in
 * the number of incidents instead of growing with incidents × releases or incidents × days.
 */
const chargingBySlo = oncePerList((incidents: readonly IncidentForBudget[]) => {
  const bySlo = new Map<string, IncidentForBudget[]>();
  for (const incident of incidents)
    for (const id of new Set((incident.impact?.slos ?? []).map((charge) => charge.slo))) {
      const list = bySlo.get(id);
      if (list) list.push(incident);
      else bySlo.set(id, [incident]);
    }
  return bySlo;
});

function chargingIncidents(incidents: readonly IncidentForBudget[], slo: string): readonly IncidentForBudget[] {
  return chargingBySlo(incidents).get(slo) ?? [];
}

/**
 * The freeze a release shipped into, or `undefined` when its status is not subject to the policy
 * or no SLO of its services was exhausted at its date.
 */
export function releaseFreeze(
  release: FreezeRelease,
  slos: readonly PolicySlo[],
  incidents: readonly IncidentForBudget[],
  atRiskPercent: number,
): ReleaseFreeze | undefined {
  if (!(FREEZE_RELEASE_STATUSES as readonly string[]).includes(release.status)) return undefined;
  const at = dayStart(release.date);
  const exhausted = slos
    .filter((slo) => counts(slo) && release.services.includes(slo.service))
    .map((slo) => ({
      slo: slo.id,
      service: slo.service,
      budget: sloBudget(slo.id, slo, chargingIncidents(incidents, slo.id), at, atRiskPercent),
    }))
    .filter((check) => check.budget.status === 'exhausted');
  if (exhausted.length === 0) return undefined;
  const exception = release.budgetException;
  const expiredException = exception !== undefined && exception.until < release.date;
  let outcome: FreezeOutcome = 'breaks';
  if (release.hotfix && release.fixes.length > 0) outcome = 'hotfix';
  else if (
    release.changes.length > 0 &&
    release.changes.every((change) => (FREEZE_CHANGE_TYPES as readonly string[]).includes(change.type))
  )
    outcome = 'fix-only';
  else if (exception && !expiredException) outcome = 'exception';
  return { at, exhausted, outcome, expiredException };
}

export interface FreezePeriod {
  service: string;
  /** First day (`YYYY-MM-DD`) the service had an exhausted SLO budget at 00:00 UTC. */
  from: string;
  /** Last such day of the period. */
  to: string;
  /** The SLOs exhausted on at least one day of the period. */
  slos: string[];
  /** Still exhausted at the as-of instant. */
  ongoing: boolean;
}

/**
 * The freeze periods per service between two dates (inclusive), sampled at 00:00 UTC of each day
 * (the instant the policy checks a release at): consecutive days with at least one exhausted SLO
 * form one period. A period reaching `to` is ongoing when the budget is still exhausted at `now`.
 */
export function freezePeriods(
  slos: readonly PolicySlo[],
  incidents: readonly IncidentForBudget[],
  from: string,
  to: string,
  now: number,
  atRiskPercent: number,
): FreezePeriod[] {
  const periods: FreezePeriod[] = [];
  const services = [...new Set(slos.filter(counts).map((slo) => slo.service))].sort();
  for (const service of services) {
    const own = slos.filter((slo) => counts(slo) && slo.service === service);
    let open: FreezePeriod | undefined;
    for (let day = dayStart(from); day <= dayStart(to); day += DAY_MS) {
      const exhausted = own
        .filter((slo) => sloBudget(slo.id, slo, chargingIncidents(incidents, slo.id), day, atRiskPercent).status === 'exhausted')
        .map((slo) => slo.id);
      if (exhausted.length === 0) {
        if (open) periods.push(open);
        open = undefined;
        continue;
      }
      const date = isoDate(day);
      if (open) {
        open.to = date;
        open.slos = [...new Set([...open.slos, ...exhausted])].sort();
      } else open = { service, from: date, to: date, slos: exhausted.sort(), ongoing: false };
    }
    if (open) {
      open.ongoing =
        open.to === to &&
        own.some((slo) => sloBudget(slo.id, slo, chargingIncidents(incidents, slo.id), now, atRiskPercent).status === 'exhausted');
      periods.push(open);
    }
  }
  return periods.sort((a, b) => b.from.localeCompare(a.from) || a.service.localeCompare(b.service));
}

/** An incident as the factor share needs it: its budget charges, factor categories and action items. */
export interface FactorIncident extends IncidentForBudget {
  contributingFactors: readonly { category: string }[];
  actionItems: readonly { type: string; priority: string; status: string; due: string }[];
}

export interface Quarter {
  /** `2026-Q4`. */
  key: string;
  /** `Q4 2026`. */
  label: string;
  /** Epoch ms of its first instant, and of the next quarter's. */
  start: number;
  end: number;
}

/** The calendar quarter (UTC) containing the instant `at`. */
export function quarterOf(at: number): Quarter {
  const { start, end } = calendarPeriod('calendar-quarter', 'UTC', at);
  const date = new Date(start);
  const number = Math.floor(date.getUTCMonth() / 3) + 1;
  return { key: `${date.getUTCFullYear()}-Q${number}`, label: `Q${number} ${date.getUTCFullYear()}`, start, end };
}

export interface FactorShare {
  slo: string;
  category: string;
  quarter: Quarter;
  /** Bad minutes the category's incidents charged the SLO inside the quarter, after exclusions. */
  minutes: number;
  /** 100 × minutes / the SLO's budgetMinutes. */
  percent: number;
  /** The incidents counted, with the minutes of each inside the quarter. */
  incidents: { postmortem: string; minutes: number }[];
  /** More than the threshold (thresholds.incidentBudgetPercent). */
  over: boolean;
  /** An incident counted has a P0 prevent action item (not wont-do) due by the end of the next quarter. */
  planned: boolean;
  /** `YYYY-MM-DD`: the last day of the next quarter, by which the P0 prevent item is due. */
  planBy: string;
}

/**
 * The share of each SLO's budget that each contributing-factor category consumed in each calendar
 * quarter (UTC) up to `now`. An incident counts toward every category it lists, with the bad
 * minutes its own charge (not excluded) puts inside the quarter: clipped, or prorated for a
 * `minutes` charge, by budgets.ts. Each SLO's budget is its `budgetMinutes` as of `now`.
 */
export function factorShares(
  slos: readonly (PolicySlo & { budgetMinutes: number })[],
  incidents: readonly FactorIncident[],
  now: number,
  thresholdPercent: number,
): FactorShare[] {
  const shares = new Map<string, FactorShare>();
  const sloById = new Map(slos.filter(counts).map((slo) => [slo.id, slo]));
  for (const incident of incidents) {
    if (!chargesBudgets(incident)) continue;
    const categories = [...new Set(incident.contributingFactors.map((factor) => factor.category))];
    if (categories.length === 0) continue;
    for (const charge of incident.impact?.slos ?? []) {
      const slo = sloById.get(charge.slo);
      if (!slo || charge.excluded) continue;
      const started = instant(incident.timeline.started);
      if (started > now) continue;
      const ended = Math.min(incident.timeline.mitigated ? instant(incident.timeline.mitigated) : now, now);
      for (let quarter = quarterOf(started); quarter.start <= ended; quarter = quarterOf(quarter.end)) {
        const part = chargeInWindow(incident.timeline, charge, quarter.start, Math.min(quarter.end, now), now);
        if (!part || part.minutes === 0) continue;
        for (const category of categories) {
          const key = `${slo.id}\0${quarter.key}\0${category}`;
          const nextQuarter = quarterOf(quarter.end);
          const share = shares.get(key) ?? {
            slo: slo.id,
            category,
            quarter,
            minutes: 0,
            percent: 0,
            incidents: [],
            over: false,
            planned: false,
            planBy: isoDate(nextQuarter.end - DAY_MS),
          };
          share.incidents.push({ postmortem: incident.id, minutes: roundMinutes(part.minutes) });
          share.minutes = roundMinutes(share.minutes + part.minutes);
          shares.set(key, share);
        }
      }
    }
  }
  const byId = new Map(incidents.map((incident) => [incident.id, incident]));
  return [...shares.values()]
    .map((share) => {
      const percent = percentOf(share.minutes, sloById.get(share.slo)!.budgetMinutes);
      const planned = share.incidents.some(({ postmortem }) =>
        (byId.get(postmortem)?.actionItems ?? []).some(
          (item) => item.priority === 'P0' && item.type === 'prevent' && item.status !== 'wont-do' && item.due <= share.planBy,
        ),
      );
      return { ...share, percent, over: percent > thresholdPercent, planned };
    })
    .sort(
      (a, b) =>
        b.quarter.start - a.quarter.start || b.percent - a.percent || a.slo.localeCompare(b.slo) || a.category.localeCompare(b.category),
    );
}

/** The first day of the freeze-period history ending at `today`. */
export function freezeHistoryStart(today: string): string {
  return addDays(today, -(FREEZE_HISTORY_DAYS - 1));
}
