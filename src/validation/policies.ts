/**
 * Policy rules: the handbook's processes encoded as checks. Each has a level in the site
 * configuration (`policies` in almanac.yaml: `error`, `warn` or `off`) and is evaluated against the
 * as-of instant (`ALMANAC_NOW`, else now), which the caller passes in.
 *
 * - `policy.publishWithinDays`: postmortems of the two most severe configured levels (default SEV1
 *   and SEV2) are published within N days (default 14) of `timeline.resolved`: a draft or in-review
 *   one past that date, or a published one whose `reviewedAt` is later, is reported.
 * - `policy.budgetNeedsP0`: an incident that alone charged an SLO more than
 *   `thresholds.incidentBudgetPercent` (default 20%) of its error budget needs an action item with
 *   priority P0 and type prevent (not wont-do). Checked once the postmortem is in review.
 * - `policy.actionItemDue`: open and in-progress P0 items are due within 4 weeks, P1 items within
 *   8 weeks (configurable) of the review: `reviewedAt`, or the resolved date before the review.
 * - `policy.staleHandbook`: a published handbook page whose `lastReviewed + reviewEvery` is before
 *   the as-of date.
 * - `policy.prdPastSession`: a PRD still `in-review` after its booked `review.session` date.
 * - `policy.budgetFreeze`: a shipped, in-progress or rolled-back release on a service with an SLO
 *   whose budget was exhausted at the release date (00:00 UTC) that is neither a hotfix with
 *   `fixes`, nor fixed/security changes only, nor covered by a `budgetException` valid that day.
 * - `policy.factorBudgetShare`: the incidents of one contributing-factor category consumed more
 *   than `thresholds.incidentBudgetPercent` of an SLO's budget in a calendar quarter (UTC) and
 *   none of them has a P0 prevent action item due by the end of the next quarter.
 *
 * Budgets, staleness and review sessions come from the model (budgets.ts, model.ts), so these
 * rules agree with what the site shows.
 */
import type { SiteConfig } from '../core/schemas/config.ts';
import { problemLevel } from './lint/source.ts';
import { buildModel, type Model, type ModelInput } from '../core/model.ts';
import { hasPreventP0, urgentSeverities } from '../core/rules.ts';
import type { Problem, ProblemLevel } from '../core/problems.ts';
import { addDays, dayStart, DAY_MS, isoDate } from '../core/time.ts';
import { formatNumber } from '../core/presentation.ts';
import type { Entry } from '../core/entry.ts';
import type { EntryRule, RuleContext } from './validate.ts';

export const POLICY_RULES = {
  publishWithinDays: 'policy.publishWithinDays',
  budgetNeedsP0: 'policy.budgetNeedsP0',
  actionItemDue: 'policy.actionItemDue',
  staleHandbook: 'policy.staleHandbook',
  prdPastSession: 'policy.prdPastSession',
  budgetFreeze: 'policy.budgetFreeze',
  factorBudgetShare: 'policy.factorBudgetShare',
} as const;

export interface PolicyOptions {
  /** The as-of instant, epoch ms (from `readEnvironment().now`). */
  now: number;
  /**
   * Builds the internal view, drafts included, that the policies judge: `buildModel` by default.
   * The build context passes its own, so that `astro dev` (which shows that same view) builds
   * the model once per edit, not once for the policies and again for the pages.
   */
  internalModel?: InternalModelBuilder;
}

/** Builds the model of `entries` as the internal audience sees it, drafts included. */
export type InternalModelBuilder = (entries: readonly ModelInput[], config: SiteConfig, now: number) => Model;

const buildInternalModel: InternalModelBuilder = (entries, config, now) =>
  buildModel(entries, { config, now, audience: 'internal', includeDrafts: true });

/** Whole days from date `from` to date `to` (both `YYYY-MM-DD`). */
function daysBetween(from: string, to: string): number {
  return Math.round((dayStart(to) - dayStart(from)) / DAY_MS);
}

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

/** The levels of every policy, `undefined` when a policy is off. */
function levels(config: SiteConfig) {
  const { policies } = config;
  return {
    publishWithinDays: problemLevel(policies.publishWithinDays.level),
    budgetNeedsP0: problemLevel(policies.budgetNeedsP0),
    actionItemDue: problemLevel(policies.actionItemDue.level),
    staleHandbook: problemLevel(policies.staleHandbook),
    prdPastSession: problemLevel(policies.prdPastSession),
    budgetFreeze: problemLevel(policies.budgetFreeze),
    factorBudgetShare: problemLevel(policies.factorBudgetShare),
  } satisfies Record<keyof typeof POLICY_RULES, ProblemLevel | undefined>;
}

/** Evaluates every policy that is not off over the valid entries of one validation run. */
export function evaluatePolicies(context: RuleContext, options: PolicyOptions): Problem[] {
  const { config, entries, problemAt } = context;
  const level = levels(config);
  if (Object.values(level).every((value) => value === undefined)) return [];
  const today = isoDate(options.now);
  // Every entry, drafts included, as the internal audience sees it.
  const model = (options.internalModel ?? buildInternalModel)(entries, config, options.now);
  const entryOf = new Map<string, Entry>(entries.map((entry) => [`${entry.collection}/${entry.id}`, entry]));
  const problems: Problem[] = [];

  const publish = config.policies.publishWithinDays;
  const urgent = urgentSeverities(config);
  const dueWeeks = { P0: config.policies.actionItemDue.p0Weeks, P1: config.policies.actionItemDue.p1Weeks } as Record<string, number>;
  const threshold = config.thresholds.incidentBudgetPercent;

  for (const view of model.postmortems) {
    const entry = entryOf.get(`postmortems/${view.id}`)!;
    const data = view.data;
    const resolvedDate = data.timeline.resolved?.slice(0, 10);

    if (level.publishWithinDays && resolvedDate && urgent.includes(data.severity)) {
      const deadline = addDays(resolvedDate, publish.days);
      const rule = POLICY_RULES.publishWithinDays;
      const policy = `${urgent.join(' and ')} postmortems are published within ${plural(publish.days, 'day')} of resolution`;
      if (data.status !== 'published' && today > deadline) {
        problems.push(
          problemAt(entry, ['status'], {
            level: level.publishWithinDays,
            rule,
            message: `is ${data.status} ${plural(daysBetween(resolvedDate, today), 'day')} after this ${data.severity} incident was resolved (${resolvedDate}); ${policy} (by ${deadline}): finish the review and set status: published`,
          }),
        );
      } else if (data.status === 'published' && data.reviewedAt && data.reviewedAt > deadline) {
        problems.push(
          problemAt(entry, ['reviewedAt'], {
            level: level.publishWithinDays,
            rule,
            message: `${data.reviewedAt} is ${plural(daysBetween(resolvedDate, data.reviewedAt), 'day')} after this ${data.severity} incident was resolved (${resolvedDate}); ${policy} (by ${deadline})`,
          }),
        );
      }
    }

    if (level.budgetNeedsP0 && data.status !== 'draft') {
      const hasP0Prevent = hasPreventP0(data.actionItems);
      view.sloImpact.forEach((impact, index) => {
        if (!impact.exceedsIncidentThreshold || hasP0Prevent) return;
        problems.push(
          problemAt(entry, ['impact', 'slos', index], {
            level: level.budgetNeedsP0!,
            rule: POLICY_RULES.budgetNeedsP0,
            message: `charged ${impact.badMinutes} bad minutes to ${impact.sloId}, ${impact.budgetPercent}% of its error budget (more than ${threshold}%); such an incident needs an action item with priority P0 and type prevent`,
          }),
        );
      });
    }

    const reviewDate = data.reviewedAt ?? resolvedDate;
    if (level.actionItemDue && reviewDate) {
      view.actionItems.forEach((item, index) => {
        const weeks = dueWeeks[item.priority];
        if (weeks === undefined || (item.status !== 'open' && item.status !== 'in-progress')) return;
        const deadline = addDays(reviewDate, Math.round(weeks * 7));
        if (item.due <= deadline) return;
        problems.push(
          problemAt(entry, ['actionItems', index, 'due'], {
            level: level.actionItemDue!,
            rule: POLICY_RULES.actionItemDue,
            message: `${item.due} is ${plural(daysBetween(reviewDate, item.due), 'day')} after the review (${data.reviewedAt ? `reviewedAt ${reviewDate}` : `resolved ${reviewDate}`}); ${item.priority} action items are due within ${plural(weeks, 'week')} of the review (by ${deadline}): bring the date forward or lower the priority`,
          }),
        );
      });
    }
  }

  if (level.staleHandbook) {
    for (const view of model.handbook) {
      if (!view.stale || view.draft) continue;
      problems.push(
        problemAt(entryOf.get(`handbook/${view.id}`)!, ['lastReviewed'], {
          level: level.staleHandbook,
          rule: POLICY_RULES.staleHandbook,
          message: `${view.data.lastReviewed} + reviewEvery ${view.data.reviewEvery} = ${view.reviewDue}, before the as-of date ${today}: the page is stale; the owning team (${view.data.owner}) re-reads it and updates lastReviewed`,
        }),
      );
    }
  }

  if (level.prdPastSession) {
    for (const view of model.prds) {
      if (view.data.status !== 'in-review' || view.reviewSessionDerived || !view.reviewSession || view.reviewSession >= today) continue;
      problems.push(
        problemAt(entryOf.get(`prds/${view.id}`)!, ['review', 'session'], {
          level: level.prdPastSession,
          rule: POLICY_RULES.prdPastSession,
          message: `${view.reviewSession} has passed (as of ${today}) and the PRD is still in review; record the outcome in review.decisions and update status, or book a later session`,
        }),
      );
    }
  }
  if (level.budgetFreeze) {
    for (const view of model.releases) {
      const freeze = view.freeze;
      if (!freeze || freeze.outcome !== 'breaks') continue;
      const data = view.data;
      const spent = freeze.exhausted
        .map(
          (slo) =>
            `${slo.slo.visible ? slo.slo.id : slo.slo.label} had consumed ${formatNumber(slo.consumedMinutes, 2)} of ${formatNumber(slo.budgetMinutes, 2)} budget minutes (${formatNumber(slo.consumedPercent, 1)}%)`,
        )
        .join('; ');
      const exception = data.budgetException;
      const waysOut =
        `during a freeze a release must be a hotfix with fixes (hotfix: true, fixes: [<postmortem id>]), carry only fixed or security changes, ` +
        `or hold budgetException: { approvedBy, reason, until } with until on or after ${data.date}`;
      problems.push(
        problemAt(entryOf.get(`releases/${view.id}`)!, freeze.expiredException ? ['budgetException', 'until'] : ['date'], {
          level: level.budgetFreeze,
          rule: POLICY_RULES.budgetFreeze,
          message: freeze.expiredException
            ? `${exception!.until} is before the release date ${data.date}: the exception had expired when release ${data.version} went ${data.status}, and as of ${data.date} 00:00 UTC ${spent}; ${waysOut}`
            : `release ${data.version} is ${data.status} on ${data.date} while the error budget was exhausted: as of ${data.date} 00:00 UTC ${spent}; ${waysOut}`,
        }),
      );
    }
  }

  if (level.factorBudgetShare) {
    for (const { share } of model.governance.factorShares) {
      if (!share.over || share.planned) continue;
      // Reported on the latest incident counted: the next action item most likely lands there.
      const latest = [...share.incidents]
        .map(({ postmortem }) => model.get('postmortems', postmortem)!)
        .sort((a, b) => b.data.timeline.started.localeCompare(a.data.timeline.started))[0];
      const entry = entryOf.get(`postmortems/${latest.id}`)!;
      const counted = share.incidents.map((incident) => `${incident.postmortem} (${formatNumber(incident.minutes, 2)} min)`).join(', ');
      problems.push(
        problemAt(entry, ['actionItems'], {
          level: level.factorBudgetShare,
          rule: POLICY_RULES.factorBudgetShare,
          message: `incidents with contributing-factor category "${share.category}" consumed ${formatNumber(share.percent, 1)}% of the error budget of ${share.slo} in ${share.quarter.label} (${formatNumber(share.minutes, 2)} bad minutes: ${counted}), more than ${threshold}%; add an action item with priority: P0 and type: prevent, due by ${share.planBy} (the end of the next quarter), to one of these postmortems`,
        }),
      );
    }
  }
  return problems;
}

/** The policy rule for a validation run at the as-of instant `now`. */
export function policyRule(options: PolicyOptions): EntryRule {
  return (context) => evaluatePolicies(context, options);
}
