/**
 * Insights: the derived figures leadership reads on `/insights/` — action-item health, release
 * trains and gates, the DORA keys, time-to-x distributions, near misses, SLO burn, error-budget
 * policy signals, PRD review sessions and incident trends.
 *
 * Every function here is pure. The `…Insights(model)` wrappers read a `Model`, whose views are
 * already filtered for the audience, so **in a public build these figures cover the public
 * entries only** (public, published postmortems; public releases; public PRDs). SLO budgets are
 * the exception: `SloView.budget` counts every incident in the window, hidden ones included, and
 * hidden ones are only ever counted, never named (see `SloView.unlistedCharges` in model.ts).
 * The lower-level functions take plain arrays so tests can pin them with hand-built inputs.
 */
import { type Model, type PostmortemView, type PrdView } from '../model.ts';
import { actionItemInsights, type ActionItemSummary } from './action-items.ts';
import { countsAsIncident } from './common.ts';
import { doraInsights, type DoraReport } from './dora.ts';
import { type PolicySignal, policySignals } from './policy.ts';
import { type ReviewSession, reviewSessionInsights } from './prd-reviews.ts';
import { releaseInsights, type ReleaseInsights } from './releases.ts';
import { type SloInsight, sloInsights } from './slos.ts';
import { nearMissInsights, type NearMissInsights, timeToXInsights, type TimeToXInsights, trendInsights, type Trends } from './time-to-x.ts';

export interface Insights {
  actionItems: ActionItemSummary;
  releases: ReleaseInsights;
  dora: DoraReport;
  timeToX: TimeToXInsights;
  nearMisses: NearMissInsights<PostmortemView>;
  slos: SloInsight[];
  policy: PolicySignal[];
  reviewSessions: ReviewSession<PrdView>[];
  trends: Trends;
}

/** Every figure of `/insights/`, over the entries the model's audience may see. */
export function insights(model: Model): Insights {
  return {
    actionItems: actionItemInsights(model),
    releases: releaseInsights(model),
    dora: doraInsights(model),
    timeToX: timeToXInsights(model.postmortems.filter(countsAsIncident), model.site.now),
    nearMisses: nearMissInsights(model.postmortems, model.site.now),
    slos: sloInsights(model),
    policy: policySignals(model.postmortems),
    reviewSessions: reviewSessionInsights(model),
    trends: trendInsights(model),
  };
}
