/** Backlinks between entries, computed from the model (never authored). */
import type { AnyView, Model, PostmortemView, Ref } from './model.ts';

const refTo = (view: AnyView): Ref => ({ visible: true, collection: view.collection, id: view.id, url: view.url, title: view.title });

/** How many related incidents a postmortem page lists; every one is on its services' pages. */
export const RELATED_INCIDENTS_SHOWN = 10;

interface IncidentIndex {
  /** Postmortems by service id, in the model's order (newest first). */
  byService: Map<string, PostmortemView[]>;
  /** Each postmortem's place in the model's order. */
  position: Map<PostmortemView, number>;
  /** Distinct postmortems naming any service of a set (key: sorted ids), counted once per set. */
  countBySet: Map<string, number>;
}

/** Built once per model: every postmortem page asks for its neighbours. */
const indexes = new WeakMap<Model, IncidentIndex>();

function incidentIndex(model: Model): IncidentIndex {
  let index = indexes.get(model);
  if (!index) {
    index = { byService: new Map(), position: new Map(), countBySet: new Map() };
    for (const [position, postmortem] of model.postmortems.entries()) {
      index.position.set(postmortem, position);
      for (const service of new Set(postmortem.data.services)) {
        const list = index.byService.get(service) ?? [];
        list.push(postmortem);
        index.byService.set(service, list);
      }
    }
    indexes.set(model, index);
  }
  return index;
}

export interface RelatedIncidents {
  /** The most recent other incidents on the same services, newest first, at most `limit`. */
  shown: Ref[];
  /** How many other incidents hit at least one of the same services. */
  total: number;
}

/**
 * Other incidents that hit at least one of the same services: the `limit` most recent, and how
 * many there are. Bounded on purpose: listing every one would make each page (and the build)
 * grow with the whole handbook, quadratically in all; the service pages list them all.
 */
export function relatedIncidents(model: Model, incident: PostmortemView, limit = RELATED_INCIDENTS_SHOWN): RelatedIncidents {
  const index = incidentIndex(model);
  const services = [...new Set(incident.data.services)].sort();
  const lists = services.map((service) => index.byService.get(service) ?? []);
  const key = services.join('\n');
  let count = index.countBySet.get(key);
  if (count === undefined) {
    count = lists.length === 1 ? lists[0]!.length : new Set(lists.flat()).size;
    index.countBySet.set(key, count);
  }
  // The incident itself is in its services' lists when the audience sees it.
  const total = count - (services.length > 0 && index.position.has(incident) ? 1 : 0);
  // Merge the per-service lists (each newest first) by model order, skipping repeats.
  const cursors = lists.map(() => 0);
  const shown: Ref[] = [];
  const seen = new Set<PostmortemView>([incident]);
  while (shown.length < limit) {
    let best = -1;
    for (const [i, list] of lists.entries()) {
      while (cursors[i]! < list.length && seen.has(list[cursors[i]!]!)) cursors[i]!++;
      const candidate = list[cursors[i]!];
      if (candidate && (best === -1 || index.position.get(candidate)! < index.position.get(lists[best]![cursors[best]!]!)!)) best = i;
    }
    if (best === -1) break;
    const next = lists[best]![cursors[best]!++]!;
    seen.add(next);
    shown.push(refTo(next));
  }
  return { shown, total };
}

/** Everything that names a service. */
export function serviceBacklinks(model: Model, serviceId: string) {
  return {
    slos: model.slos.filter((slo) => slo.data.service === serviceId),
    postmortems: model.postmortems.filter((pm) => pm.data.services.includes(serviceId)),
    releases: model.releases.filter((release) => release.data.services.includes(serviceId)),
    dependents: model.services.filter((service) => service.data.dependsOn.includes(serviceId)),
  };
}

/** Everything a team owns or is named in, and the incidents on its services (newest first). */
export function teamBacklinks(model: Model, teamId: string) {
  const services = model.services.filter((service) => service.data.team === teamId);
  const serviceIds = new Set(services.map((service) => service.id));
  return {
    services,
    postmortems: model.postmortems.filter((pm) => pm.data.services.some((id) => serviceIds.has(id))),
    slos: model.slos.filter((slo) => slo.ownerId === teamId),
    prds: model.prds.filter((prd) => prd.data.owner === teamId),
    handbook: model.handbook.filter((page) => page.data.owner === teamId),
    actionItems: model.actionItems.filter((item) => item.ownerId === teamId),
  };
}

/** Incidents that charged an SLO (visible ones only) and PRDs naming it. */
export function sloBacklinks(model: Model, sloId: string) {
  return {
    prds: model.prds.filter((prd) => prd.data.slos.includes(sloId)),
  };
}

/** PRDs and incidents naming a PRD; releases delivering it. */
export function prdBacklinks(model: Model, prdId: string) {
  return {
    incidents: model.postmortems.filter((pm) => pm.data.prds.includes(prdId)),
    releases: model.releases.filter(
      (release) =>
        release.data.changes.some((change) => change.prd === prdId) || release.prds.some((ref) => ref.visible && ref.id === prdId),
    ),
  };
}

export { refTo };
