/**
 * How long pages read as one document: which structured sections of a postmortem the narrative
 * already covers, the table of contents, the incident timeline drawn to time scale, and what a new
 * hire reads first (`/start/`). Pure: pages render what these functions return.
 */
import type { Timeline } from './durations.ts';
import { minutesBetween } from './time.ts';
import { TIMELINE_ORDER } from './schemas/postmortems.ts';
import type { Model, PostmortemView, SloView } from './model.ts';

/** A heading of a rendered body (`render()`'s `headings`, or those stored at content sync). */
export interface Heading {
  depth: number;
  slug: string;
  text: string;
}

/** One line of a table of contents: a link to `#slug`. */
export interface TocEntry {
  depth: number;
  slug: string;
  text: string;
}

/**
 * The structured sections of a postmortem, in the order of the scaffold's narrative, each with the
 * body headings that cover it (compared case-insensitively, ignoring punctuation).
 */
export const POSTMORTEM_SECTIONS = [
  { id: 'impact', title: 'Impact', covers: ['impact'] },
  { id: 'timeline', title: 'Timeline', covers: ['timeline'] },
  { id: 'factors', title: 'Contributing factors', covers: ['contributing factors', 'root causes', 'causes'] },
  {
    id: 'lessons',
    title: 'Lessons',
    covers: ['lessons', 'lessons learned', 'what went well what went wrong where we got lucky', 'what went well'],
  },
  { id: 'actions', title: 'Action items', covers: ['action items', 'follow ups', 'follow up actions'] },
] as const;
export type PostmortemSectionId = (typeof POSTMORTEM_SECTIONS)[number]['id'];

const normalize = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

/** The section a body heading covers, if any. */
export function coveredSection(heading: string): PostmortemSectionId | undefined {
  const key = normalize(heading);
  return POSTMORTEM_SECTIONS.find((section) => (section.covers as readonly string[]).includes(key))?.id;
}

export interface PostmortemLayout {
  /** Structured sections rendered before the narrative (they precede everything it covers). */
  before: PostmortemSectionId[];
  /** Structured sections rendered after it. */
  after: PostmortemSectionId[];
  /** The page's table of contents: sections before, the body's headings, sections after. */
  toc: TocEntry[];
  /** The heading of each structured section on this page. */
  titles: Record<PostmortemSectionId, string>;
}

/** The id of a structured section's heading on the page (distinct from any body heading's slug). */
export function sectionSlug(id: PostmortemSectionId): string {
  return `${id}-section`;
}

/**
 * Which structured sections a postmortem page renders, and where. A section the body covers (by
 * heading, depth 2) is not repeated; one with no data is skipped (`present`). The others go in
 * scaffold order: those that come before the first section the body covers go before it, the rest
 * after it. A body that covers none of them (free prose, e.g. "What we learned") follows the
 * structured sections, except the action items, which close the document. `present` says which sections have data. The timeline is covered when the body draws
 * one (`timelineInBody`: a `<Timeline>`, which then shows the phases to scale above its events),
 * whatever its headings say, so the scaled phases always appear exactly once.
 */
export function postmortemLayout(
  headings: readonly Heading[],
  present: ReadonlySet<PostmortemSectionId>,
  timelineInBody = false,
): PostmortemLayout {
  const covered = new Set(headings.filter((heading) => heading.depth === 2).flatMap((heading) => coveredSection(heading.text) ?? []));
  // A body timeline written as text (no <Timeline>) keeps its heading; the phases to scale then
  // get a section of their own under another name, so the page never has two "Timeline"s.
  const titles = Object.fromEntries(POSTMORTEM_SECTIONS.map((section) => [section.id, section.title])) as Record<
    PostmortemSectionId,
    string
  >;
  if (covered.has('timeline') && !timelineInBody) titles.timeline = 'Phases to scale';
  if (timelineInBody) covered.add('timeline');
  else covered.delete('timeline');
  const order = POSTMORTEM_SECTIONS.map((section) => section.id);
  const firstCovered = order.findIndex((id) => covered.has(id));
  const missing = order.filter((id) => present.has(id) && !covered.has(id));
  const before = firstCovered === -1 ? missing.filter((id) => id !== 'actions') : missing.filter((id) => order.indexOf(id) < firstCovered);
  const after = missing.filter((id) => !before.includes(id));
  const entry = (id: PostmortemSectionId): TocEntry => ({ depth: 2, slug: sectionSlug(id), text: titles[id] });
  return { before, after, toc: [...before.map(entry), ...tocEntries(headings), ...after.map(entry)], titles };
}

/** The body's headings a table of contents lists: levels 2 and 3. */
export function tocEntries(headings: readonly Heading[]): TocEntry[] {
  return headings.filter((heading) => heading.depth === 2 || heading.depth === 3).map(({ depth, slug, text }) => ({ depth, slug, text }));
}

/** One phase of an incident between two timeline points, placed on a 0–100 scale. */
export interface PhaseBar {
  /** `detect`: started → detected; `acknowledge`; `mitigate`; `resolve`. */
  phase: 'detect' | 'acknowledge' | 'mitigate' | 'resolve';
  label: string;
  from: string;
  to: string;
  minutes: number;
  /** Where the bar starts, % of the width. */
  offset: number;
  /** Its width, % (at least the minimum, so a 3-minute phase stays visible). */
  width: number;
}

const PHASES = {
  detected: { phase: 'detect', label: 'Detection' },
  acknowledged: { phase: 'acknowledge', label: 'Acknowledgement' },
  mitigated: { phase: 'mitigate', label: 'Mitigation' },
  resolved: { phase: 'resolve', label: 'Resolution' },
} as const;

/**
 * The incident's phases to time scale: each phase (between consecutive timeline points that are
 * set) gets a width proportional to its duration, but at least `minWidth` percent; the rest of the
 * 100% is shared in proportion by the phases above the minimum. Offsets are the running sum, so the
 * bars tile the scale. Values are rounded to 0.01.
 */
export function timelineScale(timeline: Timeline, minWidth = 8): PhaseBar[] {
  const points = TIMELINE_ORDER.filter((field) => timeline[field]).map((field) => ({ field, at: timeline[field]! }));
  const phases = points.slice(1).map((point, index) => ({
    ...PHASES[point.field as keyof typeof PHASES],
    from: points[index]!.at,
    to: point.at,
    minutes: Math.max(0, minutesBetween(points[index]!.at, point.at)),
  }));
  if (phases.length === 0) return [];
  const floor = Math.min(minWidth, 100 / phases.length);
  // Phases at the minimum are fixed; repeat until every other phase's share is above it.
  const fixed = new Set<number>();
  let widths: number[] = [];
  for (;;) {
    const free = phases.map((_, i) => i).filter((i) => !fixed.has(i));
    const freeMinutes = free.reduce((sum, i) => sum + phases[i]!.minutes, 0);
    const room = 100 - fixed.size * floor;
    widths = phases.map((phase, i) => (fixed.has(i) ? floor : freeMinutes > 0 ? (room * phase.minutes) / freeMinutes : room / free.length));
    const below = free.filter((i) => widths[i]! < floor);
    if (below.length === 0) break;
    below.forEach((i) => fixed.add(i));
  }
  const round = (value: number) => Math.round(value * 100) / 100;
  let offset = 0;
  return phases.map((phase, i) => {
    const bar: PhaseBar = { ...phase, phase: phase.phase, offset: round(offset), width: round(widths[i]!) };
    offset += widths[i]!;
    return bar;
  });
}

/**
 * How much a new hire learns from a postmortem: published incidents only (0 otherwise). Severity
 * weighs most — (levels − index) × 3, so SEV1 of four levels gives 12 — then one point per lesson,
 * contributing factor and action item, two more per prevent action item (the fixes that change the
 * system), and two for an SLO charge over the incident threshold. Newer incidents win ties.
 */
export function instructiveScore(pm: PostmortemView, severities: readonly { id: string }[]): number {
  if (pm.data.status !== 'published' || pm.data.kind === 'near-miss') return 0;
  const index = severities.findIndex((level) => level.id === pm.severity);
  const severity = index === -1 ? 0 : (severities.length - index) * 3;
  const lessons = pm.data.lessons;
  const lessonCount = (lessons?.wentWell?.length ?? 0) + (lessons?.wentWrong?.length ?? 0) + (lessons?.gotLucky?.length ?? 0);
  const prevent = pm.data.actionItems.filter((item) => item.type === 'prevent').length;
  const overBudget = pm.sloImpact.some((impact) => impact.exceedsIncidentThreshold) ? 2 : 0;
  return severity + lessonCount + pm.data.contributingFactors.length + pm.data.actionItems.length + 2 * prevent + overBudget;
}

/** The `limit` most instructive published incidents, best first (newer first on a tie). */
export function instructiveIncidents(model: Pick<Model, 'postmortems' | 'config'>, limit = 5): { view: PostmortemView; score: number }[] {
  return model.postmortems
    .map((view) => ({ view, score: instructiveScore(view, model.config.severities) }))
    .filter((entry) => entry.score > 0)
    .sort((a, b) => b.score - a.score || b.view.data.timeline.started.localeCompare(a.view.data.timeline.started))
    .slice(0, limit);
}

/** What `/start/` shows: everything derived from the corpus. */
export interface StartHere {
  handbook: Model['handbook'];
  incidents: { view: PostmortemView; score: number }[];
  services: { view: Model['services'][number]; slos: SloView[] }[];
  nextTrain: Model['nextTrain'];
  nextReviewSession: string;
}

/**
 * A new hire's path: the handbook in reading order (the model sorts by `order`, then title), the
 * most instructive incidents, the tier-1 services with their SLOs and owners, and what comes next
 * (release train, review session).
 */
export function startHere(model: Model, incidentLimit = 5): StartHere {
  return {
    handbook: model.handbook,
    incidents: instructiveIncidents(model, incidentLimit),
    services: model.services
      .filter((service) => service.data.tier === 1)
      .map((view) => ({ view, slos: model.slos.filter((slo) => slo.data.service === view.id) })),
    nextTrain: model.nextTrain,
    nextReviewSession: model.nextReviewSession,
  };
}
