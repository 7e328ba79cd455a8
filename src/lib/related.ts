/** Backlinks between entries, computed from the model (never authored). */
import type { AnyView, Model, PostmortemView, Ref } from './model.ts';

const refTo = (view: AnyView): Ref => ({ visible: true, collection: view.collection, id: view.id, url: view.url, title: view.title });

/** Incidents by service id, built once per model: every postmortem page asks for its neighbours. */
const incidentsByService = new WeakMap<Model, Map<string, PostmortemView[]>>();

/** Other incidents that hit at least one of the same services, newest first. */
export function relatedIncidents(model: Model, incident: PostmortemView): Ref[] {
  let index = incidentsByService.get(model);
  if (!index) {
    index = new Map();
    for (const postmortem of model.postmortems) {
      for (const service of postmortem.data.services) {
        const list = index.get(service) ?? [];
        list.push(postmortem);
        index.set(service, list);
      }
    }
    incidentsByService.set(model, index);
  }
  const related = new Set<PostmortemView>();
  for (const service of incident.data.services) for (const other of index.get(service) ?? []) if (other !== incident) related.add(other);
  // Same order as the model's list (newest first).
  return model.postmortems.filter((postmortem) => related.has(postmortem)).map(refTo);
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

/** Everything a team owns or is named in. */
export function teamBacklinks(model: Model, teamId: string) {
  return {
    services: model.services.filter((service) => service.data.team === teamId),
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
    releases: model.releases.filter((release) => release.data.changes.some((change) => change.prd === prdId) || release.prds.some((ref) => ref.visible && ref.id === prdId)),
  };
}

export { refTo };
