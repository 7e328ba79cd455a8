/** Error-budget policy signals: incidents that alone took more than the threshold of a budget. */
import { type PostmortemView, type Ref } from '../model.ts';
import { hasPreventP0 } from '../rules.ts';

export interface PolicySignal {
  postmortem: PostmortemView;
  slo: Ref;
  badMinutes: number;
  budgetPercent: number;
  /** The policy's answer (`hasPreventP0`): a P0 action item of type prevent, not wont-do. */
  hasP0Prevent: boolean;
}

/**
 * Incidents that alone consumed more than `thresholds.incidentBudgetPercent` of an SLO's budget
 * (model.ts sets `sloImpact[].exceedsIncidentThreshold`), newest first, whatever the window.
 */
export function policySignals(postmortems: readonly PostmortemView[]): PolicySignal[] {
  return postmortems.flatMap((pm) =>
    pm.sloImpact
      .filter((impact) => impact.exceedsIncidentThreshold)
      .map((impact) => ({
        postmortem: pm,
        slo: impact.slo,
        badMinutes: impact.badMinutes,
        budgetPercent: impact.budgetPercent,
        hasP0Prevent: hasPreventP0(pm.actionItems),
      })),
  );
}
