/**
 * What each OG card says: `cardInputs` turns the audience-filtered model into one job per card
 * (`{ path, input }`). Pure, and free of the drawing code (satori, fonts, sharp), so the build's
 * main process can list the cards without loading any of that: the drawing happens in a child
 * process (`worker.ts`). `card.ts` draws what this module says.
 */
import type { CollectionName } from '../../core/schemas/common.ts';
import { cardPath, sectionCardPath, tagCardPath, type AnyView, type Model, type Ref } from '../../core/model.ts';
import { SECTIONS } from '../../core/routes.ts';
import {
  collectionLabel,
  figureText,
  formatNumber,
  humanize,
  severityLabel,
  severityTone,
  statusTone,
  tierTone,
  type Tone,
} from '../../core/presentation.ts';
import { isCalendarWindow, windowKind } from '../../core/windows.ts';
import { countsAsIncident, MIN_FIGURE_N } from '../../core/insights/common.ts';
import { timeToXInsights } from '../../core/insights/time-to-x.ts';
import { formatMinutes } from '../../core/durations.ts';

export interface CardBadge {
  text: string;
  tone: Tone;
}

/** Everything a card shows. Plain data: its JSON is the card's cache key (with layout and fonts). */
export interface CardInput {
  /** "Postmortem", "SLO", "Section", … */
  type: string;
  title: string;
  /** Severity (postmortems) or status (everything else). */
  badge?: CardBadge;
  /** Under the title (at most two lines): version and train, objective and window, owner, description. */
  detail?: string;
  /** Names of the services the entry concerns (only ones the audience may see). */
  services: string[];
  /** Footer text, e.g. "Incident 2026-03-02". */
  date?: string;
  siteName: string;
}

export interface CardJob {
  /** Path of the PNG in the build output, e.g. `/og/postmortems/<id>.png`. */
  path: string;
  input: CardInput;
}

const visibleTitles = (refs: readonly Ref[]) => refs.flatMap((ref) => (ref.visible ? [ref.title] : []));
const visibleTitle = (ref: Ref | undefined) => (ref?.visible ? ref.title : undefined);

/** The card of one visible entry. */
export function entryCardInput(model: Model, view: AnyView): CardInput {
  const siteName = model.site.name;
  const type = collectionLabel(view.collection);
  const base = { type, title: view.title, siteName, services: [] as string[] };
  switch (view.collection) {
    case 'postmortems': {
      const status = view.data.status;
      return {
        ...base,
        badge: {
          text: `${view.severity} · ${severityLabel(model.config, view.severity)}`,
          tone: severityTone(model.config, view.severity),
        },
        detail:
          [view.data.kind === 'near-miss' ? 'Near miss' : undefined, status === 'published' ? undefined : humanize(status)]
            .filter(Boolean)
            .join(' · ') || undefined,
        services: visibleTitles(view.services),
        date: view.date ? `${view.data.kind === 'near-miss' ? 'Near miss' : 'Incident'} ${view.date}` : undefined,
      };
    }
    case 'slos': {
      const retired = view.data.status !== 'active';
      const service = visibleTitle(view.service);
      return {
        ...base,
        badge: retired
          ? { text: humanize(view.data.status), tone: statusTone(view.data.status) }
          : { text: `Budget ${humanize(view.budget.status).toLowerCase()}`, tone: statusTone(view.budget.status) },
        detail: [
          isCalendarWindow(view.data.window)
            ? `${view.data.objective}% per ${windowKind(view.data)}`
            : `${view.data.objective}% over ${view.data.window}`,
          retired
            ? undefined
            : `${formatNumber(Math.max(0, view.budget.remainingPercent))}% of the budget left (${formatMinutes(Math.max(0, view.budget.remainingMinutes))} of ${formatMinutes(view.budget.budgetMinutes)})`,
        ]
          .filter(Boolean)
          .join(' · '),
        services: service ? [service] : [],
      };
    }
    case 'releases': {
      const data = view.data;
      return {
        ...base,
        badge: { text: humanize(data.status), tone: statusTone(data.status) },
        detail: view.title === data.version ? `Train ${data.train}` : `Version ${data.version} · train ${data.train}`,
        services: visibleTitles(view.services),
        date: `${data.status === 'shipped' || data.status === 'rolled-back' ? 'Released' : 'Planned'} ${data.date}`,
      };
    }
    case 'prds': {
      const owner = visibleTitle(view.owner);
      return {
        ...base,
        badge: { text: humanize(view.data.status), tone: statusTone(view.data.status) },
        detail: owner ? `Owned by ${owner}` : undefined,
        date: `Created ${view.data.created}`,
      };
    }
    case 'handbook': {
      const owner = visibleTitle(view.owner);
      return {
        ...base,
        badge: view.stale ? { text: 'Review overdue', tone: 'warn' } : undefined,
        detail: owner ? `Owned by ${owner}` : undefined,
        date: `Reviewed ${view.data.lastReviewed}`,
      };
    }
    case 'services': {
      const team = visibleTitle(view.team);
      return {
        ...base,
        badge: { text: `Tier ${view.data.tier}`, tone: tierTone(view.data.tier) },
        detail: team ? `Run by ${team}` : undefined,
        services: visibleTitles(view.dependsOn).map((name) => `→ ${name}`),
      };
    }
    case 'teams':
      return {
        ...base,
        services: model.services.filter((service) => service.team.visible && service.team.id === view.id).map((service) => service.title),
      };
  }
}

const plural = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;

/** The section pages' cards, one per entry of the section table, keyed by the name `sectionCardPath` takes. */
export function sectionCardInputs(model: Model): { section: string; input: CardInput }[] {
  const siteName = model.site.name;
  const published = model.postmortems.filter((pm) => pm.data.status === 'published').length;
  const overdue = model.actionItems.filter((item) => item.overdue).length;
  // The insights card carries the headline figures of the page: incidents in the window and the median time to mitigate.
  const recent = timeToXInsights(model.postmortems.filter(countsAsIncident), model.site.now);
  const mitigate = recent.timeToX.mitigate;
  const mitigateText = figureText({ n: mitigate.n, value: mitigate.median }, formatMinutes, 'none mitigated', MIN_FIGURE_N);
  const details: Record<string, string> = {
    home: model.site.description,
    postmortems: `${plural(model.postmortems.length, 'incident review')}, ${published} published`,
    slos: plural(model.slos.length, 'SLO'),
    releases: `${plural(model.releases.length, 'release')} · next train ${model.nextTrain.id} on ${model.nextTrain.date}`,
    prds: `${plural(model.prds.length, 'PRD')} · next review ${model.nextReviewSession}`,
    handbook: plural(model.handbook.length, 'process page'),
    services: plural(model.services.length, 'service'),
    teams: plural(model.teams.length, 'team'),
    tags: plural(model.tags.length, 'tag'),
    'action-items': `${plural(model.actionItems.length, 'action item')}, ${overdue} overdue`,
    insights: `${plural(recent.incidents, 'incident')} in the last ${recent.windowDays} days · median time to mitigate ${mitigateText}`,
    start: `${plural(model.handbook.length, 'process page')} in reading order, the incidents that teach most, the tier-1 services`,
    reviews: `${plural(model.reviews.length, 'upcoming session')} with pre-read packs`,
    search: 'Postmortems, SLOs, releases, PRDs and process pages',
  };
  return SECTIONS.map((section) =>
    section.key === 'home'
      ? { section: 'home', input: { type: 'Handbook', title: siteName, detail: details.home, services: [], siteName } }
      : {
          section: section.key,
          input: { type: 'Section', title: section.cardTitle ?? section.label, detail: details[section.key], services: [], siteName },
        },
  );
}

/** Every card the build publishes: each visible entry, each section page and each tag page. */
export function cardInputs(model: Model): CardJob[] {
  const jobs: CardJob[] = model
    .all()
    .map((view) => ({ path: cardPath(view.collection as CollectionName, view.id), input: entryCardInput(model, view) }));
  for (const { section, input } of sectionCardInputs(model)) jobs.push({ path: sectionCardPath(section), input });
  for (const tag of model.tags) {
    jobs.push({
      path: tagCardPath(tag.slug),
      input: {
        type: 'Tag',
        title: tag.label,
        detail: plural(tag.entries.length, 'entry', 'entries'),
        services: [],
        siteName: model.site.name,
      },
    });
  }
  return jobs;
}
