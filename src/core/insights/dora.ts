/** DORA's five keys (dora.dev), org-wide and per service. */
import { type Timeline } from '../durations.ts';
import { type Model } from '../model.ts';
import { dayStart, instant, median, MINUTE_MS, minutesBetween } from '../time.ts';
import { countsAsIncident, inside, round6, type TimeWindow, windowEnding } from './common.ts';

/** What the DORA figures need of a release (a `ReleaseView` fits). */
export interface DoraReleaseInput {
  id: string;
  data: { date: string; status: string; services: readonly string[]; hotfix?: boolean; changes: readonly { mergedAt?: string }[] };
}

/** What the DORA figures need of a postmortem (a `PostmortemView` fits). */
export interface DoraPostmortemInput {
  id: string;
  draft?: boolean;
  data: { kind?: string; status: string; services: readonly string[]; releases: readonly string[]; timeline: Timeline };
}

/** A median with the number of values it covers; `median` is absent when n is 0. */
export interface MedianOf {
  median?: number;
  n: number;
}

/** The five DORA keys (dora.dev) of a set of releases, with the counts behind them. */
export interface DoraKeys {
  /** Releases dated in the window with status shipped or rolled-back. */
  deployments: number;
  /** deployments ÷ (window days ÷ 7). */
  deploymentsPerWeek: number;
  /** Deployments rolled back, or named in `releases` by a postmortem of kind incident. */
  failedDeployments: number;
  /** failedDeployments ÷ deployments, 0..1; absent without deployments. */
  changeFailRate?: number;
  /** Per failed deployment a postmortem names: mitigated − started of the earliest such postmortem. */
  failedDeploymentRecoveryMinutes: MedianOf;
  /** Deployments with `hotfix: true`. */
  hotfixDeployments: number;
  /** hotfixDeployments ÷ deployments, 0..1; absent without deployments. */
  reworkRate?: number;
  /** Per change with `mergedAt`: hours from it to the release date at 00:00 UTC, never below 0. */
  leadTimeHours: MedianOf;
}

export interface DoraReport {
  /** The window's first and last day, `YYYY-MM-DD`. */
  from: string;
  to: string;
  windowDays: number;
  org: DoraKeys;
  /** One row per service given, in that order. */
  services: ({ service: string } & DoraKeys)[];
}

const DEPLOYED = new Set(['shipped', 'rolled-back']);
const HOUR_MS = 60 * MINUTE_MS;

function medianOf(values: readonly number[]): MedianOf {
  const value = median(values);
  return value === undefined ? { n: values.length } : { median: round6(value), n: values.length };
}

/** part ÷ whole to a millionth, or `undefined` when the whole is 0 (no data is not 0). */
function ratio(part: number, whole: number): number | undefined {
  return whole === 0 ? undefined : round6(part / whole);
}

/**
 * Lead time of one change: hours from its merge to the release date at 00:00 UTC. A change merged
 * on the release day itself counts 0, never below: the date has no time of day to measure to.
 */
export function changeLeadTimeHours(releaseDate: string, mergedAt: string): number {
  return round6(Math.max(0, (dayStart(releaseDate) - instant(mergedAt)) / HOUR_MS));
}

/**
 * The DORA keys of these releases and postmortems over a window (see `DoraKeys` for each
 * definition). A release counts when its date at 00:00 UTC lies in the window; the postmortems
 * that mark it failed count whenever they started. Near-misses and drafts are left out here.
 */
export function doraKeys(releases: readonly DoraReleaseInput[], postmortems: readonly DoraPostmortemInput[], window: TimeWindow): DoraKeys {
  const deployed = releases.filter((release) => DEPLOYED.has(release.data.status) && inside(window, dayStart(release.data.date)));
  const incidents = postmortems.filter(countsAsIncident);
  // Which incidents name each release, in one pass (a lookup per release would scan them all).
  const naming = new Map<string, DoraPostmortemInput[]>();
  for (const pm of incidents)
    for (const id of new Set(pm.data.releases)) {
      const list = naming.get(id);
      if (list) list.push(pm);
      else naming.set(id, [pm]);
    }
  const namedBy = (release: DoraReleaseInput) => naming.get(release.id) ?? [];
  const failed = deployed.filter((release) => release.data.status === 'rolled-back' || namedBy(release).length > 0);
  const recovery = failed.flatMap((release) => {
    const earliest = [...namedBy(release)].sort(
      (a, b) => instant(a.data.timeline.started) - instant(b.data.timeline.started) || a.id.localeCompare(b.id),
    )[0];
    // Not yet mitigated: no recovery time to count (yet).
    return earliest?.data.timeline.mitigated ? [minutesBetween(earliest.data.timeline.started, earliest.data.timeline.mitigated)] : [];
  });
  const hotfixes = deployed.filter((release) => release.data.hotfix === true).length;
  const leadTimes = deployed.flatMap((release) =>
    release.data.changes.flatMap((change) => (change.mergedAt ? [changeLeadTimeHours(release.data.date, change.mergedAt)] : [])),
  );
  return {
    deployments: deployed.length,
    deploymentsPerWeek: round6(deployed.length / (window.days / 7)),
    failedDeployments: failed.length,
    changeFailRate: ratio(failed.length, deployed.length),
    failedDeploymentRecoveryMinutes: medianOf(recovery),
    hotfixDeployments: hotfixes,
    reworkRate: ratio(hotfixes, deployed.length),
    leadTimeHours: medianOf(leadTimes),
  };
}

/**
 * The DORA keys org-wide and per service. A service's figures count the releases and the
 * postmortems that list that service.
 */
export function doraReport(
  releases: readonly DoraReleaseInput[],
  postmortems: readonly DoraPostmortemInput[],
  services: readonly string[],
  window: TimeWindow,
): DoraReport {
  return {
    from: window.from,
    to: window.to,
    windowDays: window.days,
    org: doraKeys(releases, postmortems, window),
    services: services.map((service) => ({
      service,
      ...doraKeys(
        releases.filter((release) => release.data.services.includes(service)),
        postmortems.filter((pm) => pm.data.services.includes(service)),
        window,
      ),
    })),
  };
}

/** The DORA keys of the model's visible releases and postmortems, over the 90 days ending at the as-of instant. */
export function doraInsights(model: Pick<Model, 'releases' | 'postmortems' | 'services' | 'site'>): DoraReport {
  return doraReport(
    model.releases,
    model.postmortems,
    model.services.map((service) => service.id),
    windowEnding(model.site.now, 90),
  );
}
