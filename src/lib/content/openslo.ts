/**
 * OpenSLO v1 input: a `slos/<id>.yaml` holding `apiVersion: openslo/v1`, `kind: SLO` is read as an
 * Almanac SLO. Pure: takes the parsed YAML, returns the Almanac SLO fields (validated afterwards
 * by the SLO schema like any other entry) and problems at OpenSLO field paths.
 *
 * Mapping
 * - id: the file name; `metadata.name` must equal it. title: `metadata.displayName`, else the name.
 * - `spec.service` → `service` (a service id). `spec.description` → the SLO's description (body).
 * - `spec.objectives[0].target` (0–1) or `.targetPercent` (0–100) → `objective` in percent.
 * - `spec.timeWindow[0].duration` with `isRolling: true` → `window`. `m` is minutes in OpenSLO (a
 *   month is `M`): a window of 1m–12m is almost certainly meant as months and is warned about.
 * - `spec.indicator` / `spec.indicatorRef` → `sli`: a `thresholdMetric`, or an objective with
 *   `op` and `value`, is latency with threshold `value` (unit `ms` unless the annotation
 *   `almanac/threshold-unit` says otherwise); a `ratioMetric` is availability unless its name or
 *   description says latency. The annotation `almanac/sli-kind` sets the kind explicitly.
 * - owner: annotation `almanac/owner`, else label `owner` or `team`. `almanac/status` and
 *   `almanac/visibility` annotations set those fields.
 * Unsupported (each reported at its field): apiVersions other than openslo/v1, kinds other than
 * SLO, calendar-aligned windows, month/quarter/year windows, more than one time window or
 * objective, objective-level indicators, budgeting methods other than Occurrences and Timeslices
 * (errors); alert policies and unknown fields (warnings: ignored).
 */
import type { PathSegment, ProblemLevel } from '../problems.ts';

export const OPENSLO_API_VERSION = 'openslo/v1';
export const OPENSLO_RULE = 'openslo';

export interface OpenSloProblem {
  level: ProblemLevel;
  /** Path of the OpenSLO field the problem is about. */
  path: PathSegment[];
  message: string;
}

export interface OpenSloConversion {
  /** The Almanac SLO fields, or undefined when the file has errors that prevent conversion. */
  data?: Record<string, unknown>;
  /** `spec.description`, the SLO's rationale, shown as its description. */
  description?: string;
  problems: OpenSloProblem[];
  /** Maps a path in the converted data (`['objective']`) to the OpenSLO field it came from. */
  sourcePath: (path: readonly PathSegment[]) => PathSegment[];
}

type Dict = Record<string, unknown>;
const isDict = (value: unknown): value is Dict => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Whether parsed YAML declares itself an OpenSLO document (it has an `apiVersion`). */
export function isOpenSlo(data: unknown): boolean {
  return isDict(data) && 'apiVersion' in data;
}

const SPEC_FIELDS = ['description', 'service', 'indicator', 'indicatorRef', 'timeWindow', 'budgetingMethod', 'objectives', 'alertPolicies'];
const OBJECTIVE_FIELDS = ['displayName', 'name', 'op', 'value', 'target', 'targetPercent', 'timeSliceTarget', 'timeSliceWindow'];
const SUPPORTED_BUDGETING = ['Occurrences', 'Timeslices'];
const LATENCY_WORDS = /latenc|duration|response[ -]?time|slow/i;

/** A label value may be a string or a list of strings. */
function labelValue(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && typeof value[0] === 'string') return value[0];
  return undefined;
}

/** Converts an OpenSLO v1 SLO document whose file name (the id) is `fileId`. */
export function fromOpenSlo(doc: unknown, fileId: string): OpenSloConversion {
  const problems: OpenSloProblem[] = [];
  const sources = new Map<string, PathSegment[]>();
  const sourcePath = (path: readonly PathSegment[]): PathSegment[] => {
    for (let length = path.length; length > 0; length--) {
      const found = sources.get(path.slice(0, length).join('.'));
      if (found) return found;
    }
    return [];
  };
  const error = (path: PathSegment[], message: string) => problems.push({ level: 'error', path, message });
  const warning = (path: PathSegment[], message: string) => problems.push({ level: 'warning', path, message });
  const done = (data?: Dict, description?: string): OpenSloConversion => ({
    data: problems.some((p) => p.level === 'error') ? undefined : data,
    description,
    problems,
    sourcePath,
  });

  if (!isDict(doc)) {
    error([], 'must be an OpenSLO document (apiVersion, kind, metadata, spec)');
    return done();
  }
  if (doc.apiVersion !== OPENSLO_API_VERSION) {
    error(['apiVersion'], `"${String(doc.apiVersion)}" is not supported; Almanac reads OpenSLO apiVersion ${OPENSLO_API_VERSION}`);
    return done();
  }
  if (doc.kind !== 'SLO') {
    error(
      ['kind'],
      doc.kind === undefined
        ? 'is required: kind SLO'
        : `"${String(doc.kind)}" is not supported: a file in slos/ must be an OpenSLO kind SLO (put the SLI inline under spec.indicator; Service, DataSource and alerting objects are not read)`,
    );
    return done();
  }
  for (const key of Object.keys(doc)) {
    if (!['apiVersion', 'kind', 'metadata', 'spec'].includes(key)) warning([key], 'is not an OpenSLO SLO field Almanac reads; it is ignored');
  }

  const metadata = isDict(doc.metadata) ? doc.metadata : undefined;
  if (!metadata) error(['metadata'], 'is required: metadata with a name equal to the file name, e.g. { name: ' + fileId + ' }');
  const annotations = isDict(metadata?.annotations) ? metadata.annotations : {};
  const labels = isDict(metadata?.labels) ? metadata.labels : {};
  if (metadata) {
    if (typeof metadata.name !== 'string' || metadata.name === '') {
      error(['metadata', 'name'], `is required: the SLO's name, equal to the file name (${fileId})`);
    } else if (metadata.name !== fileId) {
      error(
        ['metadata', 'name'],
        `is "${metadata.name}" but the file is named ${fileId}; an SLO's id is its file name, so rename the file to ${metadata.name}.yaml or set metadata.name: ${fileId}`,
      );
    }
  }

  const spec = isDict(doc.spec) ? doc.spec : undefined;
  if (!spec) {
    error(['spec'], 'is required: the SLO spec (service, indicator, timeWindow, objectives)');
    return done();
  }
  for (const key of Object.keys(spec)) {
    if (!SPEC_FIELDS.includes(key)) warning(['spec', key], `is not an OpenSLO SLO field Almanac reads; it is ignored (read: ${SPEC_FIELDS.join(', ')})`);
  }

  const data: Dict = {};
  // Title.
  const displayName = typeof metadata?.displayName === 'string' && metadata.displayName.trim() ? metadata.displayName : undefined;
  data.title = displayName ?? (typeof metadata?.name === 'string' ? metadata.name : fileId);
  sources.set('title', displayName ? ['metadata', 'displayName'] : ['metadata', 'name']);

  // Service.
  if (spec.service === undefined) error(['spec', 'service'], 'is required: the id of a service in services/');
  data.service = spec.service;
  sources.set('service', ['spec', 'service']);

  // Owner, status, visibility.
  const ownerSource: [PathSegment[], unknown][] = [
    [['metadata', 'annotations', 'almanac/owner'], annotations['almanac/owner']],
    [['metadata', 'labels', 'owner'], labelValue(labels.owner)],
    [['metadata', 'labels', 'team'], labelValue(labels.team)],
  ];
  const owner = ownerSource.find(([, value]) => value !== undefined);
  if (owner) {
    data.owner = owner[1];
    sources.set('owner', owner[0]);
  }
  for (const field of ['status', 'visibility'] as const) {
    const value = annotations[`almanac/${field}`];
    if (value !== undefined) {
      data[field] = value;
      sources.set(field, ['metadata', 'annotations', `almanac/${field}`]);
    }
  }

  // Budgeting method and alert policies.
  if (spec.budgetingMethod !== undefined && !SUPPORTED_BUDGETING.includes(String(spec.budgetingMethod))) {
    error(['spec', 'budgetingMethod'], `"${String(spec.budgetingMethod)}" is not supported; Almanac error budgets support ${SUPPORTED_BUDGETING.join(' or ')}`);
  }
  if (spec.alertPolicies !== undefined && !(Array.isArray(spec.alertPolicies) && spec.alertPolicies.length === 0)) {
    warning(['spec', 'alertPolicies'], 'alert policies are not supported by Almanac and are ignored; keep alerting in your monitoring tool');
  }

  // Time window.
  const windows = spec.timeWindow;
  if (windows === undefined) {
    error(['spec', 'timeWindow'], 'is required: one rolling window, e.g. [{ duration: 28d, isRolling: true }]');
  } else if (!Array.isArray(windows) || windows.length === 0) {
    error(['spec', 'timeWindow'], 'must be a list with one rolling window, e.g. [{ duration: 28d, isRolling: true }]');
  } else {
    if (windows.length > 1) error(['spec', 'timeWindow', 1], 'only one time window is supported (OpenSLO allows exactly one); remove the others');
    const window = windows[0];
    const at: PathSegment[] = ['spec', 'timeWindow', 0];
    if (!isDict(window)) {
      error(at, 'must be { duration: <e.g. 28d>, isRolling: true }');
    } else {
      if (window.calendar !== undefined || window.isRolling === false) {
        error(
          window.calendar !== undefined ? [...at, 'calendar'] : [...at, 'isRolling'],
          'calendar-aligned windows are not supported: Almanac error budgets use a rolling window ending at the as-of date; set isRolling: true and remove calendar',
        );
      }
      const duration = window.duration;
      const match = typeof duration === 'string' ? /^(\d+)([mhdwMQY])$/.exec(duration) : null;
      if (!match) {
        error([...at, 'duration'], `${duration === undefined ? 'is required' : `"${String(duration)}" is not a duration`}: write <number><unit> with unit m (minutes), h, d or w, e.g. 28d`);
      } else {
        const [, amount, unit] = match;
        if (unit === 'M' || unit === 'Q' || unit === 'Y') {
          const name = { M: 'months', Q: 'quarters', Y: 'years' }[unit];
          error([...at, 'duration'], `"${duration}": ${name} have no fixed length, so the error budget would be a guess; write the rolling window in days or weeks, e.g. 30d or 4w`);
        } else {
          data.window = `${amount}${unit}`;
          sources.set('window', [...at, 'duration']);
          if (unit === 'm' && Number(amount) <= 12) {
            warning(
              [...at, 'duration'],
              `"${duration}" is ${amount} minute${amount === '1' ? '' : 's'} in OpenSLO (months are written ${amount}M); an SLO window this short leaves an error budget of seconds. If you meant ${amount} month${amount === '1' ? '' : 's'}, write ${Number(amount) * 30}d`,
            );
          }
        }
      }
    }
  }

  // Objective.
  const objectives = spec.objectives;
  let objective: Dict | undefined;
  if (objectives === undefined) {
    error(['spec', 'objectives'], 'is required: one objective with target (0–1) or targetPercent, e.g. [{ target: 0.999 }]');
  } else if (!Array.isArray(objectives) || objectives.length === 0) {
    error(['spec', 'objectives'], 'must be a list with one objective, e.g. [{ target: 0.999 }]');
  } else {
    if (objectives.length > 1) {
      error(['spec', 'objectives', 1], `multiple objectives are not supported: an Almanac SLO has one objective; put each in its own file (e.g. ${fileId}-strict.yaml)`);
    }
    const at: PathSegment[] = ['spec', 'objectives', 0];
    if (!isDict(objectives[0])) {
      error(at, 'must be an objective such as { target: 0.999 }');
    } else {
      objective = objectives[0];
      for (const key of Object.keys(objective)) {
        if (key === 'indicator' || key === 'indicatorRef' || key === 'compositeWeight') {
          error([...at, key], 'objective-level indicators (composite SLOs) are not supported; put the indicator under spec.indicator');
        } else if (!OBJECTIVE_FIELDS.includes(key)) {
          warning([...at, key], `is not an OpenSLO objective field Almanac reads; it is ignored (read: ${OBJECTIVE_FIELDS.join(', ')})`);
        }
      }
      const { target, targetPercent } = objective;
      if (target !== undefined && targetPercent !== undefined) {
        error([...at, 'targetPercent'], 'use either target (0–1) or targetPercent (0–100), not both');
      } else if (target !== undefined) {
        if (typeof target !== 'number' || !(target > 0 && target < 1)) {
          const hint = typeof target === 'number' && target >= 1 && target < 100 ? `; ${target} looks like a percentage: write targetPercent: ${target} or target: ${target / 100}` : '';
          error([...at, 'target'], `must be a number above 0 and below 1, e.g. 0.999 for 99.9%${hint}`);
        } else {
          data.objective = Math.round(target * 100 * 1e9) / 1e9;
          sources.set('objective', [...at, 'target']);
        }
      } else if (targetPercent !== undefined) {
        if (typeof targetPercent !== 'number' || !(targetPercent > 0 && targetPercent < 100)) {
          error([...at, 'targetPercent'], 'must be a number above 0 and below 100, e.g. 99.9');
        } else {
          data.objective = targetPercent;
          sources.set('objective', [...at, 'targetPercent']);
        }
      } else {
        error(at, 'needs target (a fraction, e.g. 0.999) or targetPercent (e.g. 99.9)');
      }
    }
  }

  // Indicator → sli.
  const indicator = spec.indicator;
  const indicatorRef = spec.indicatorRef;
  let indicatorPath: PathSegment[] = ['spec', 'indicator'];
  let kind: string | undefined;
  let words = '';
  let measurement: string | undefined;
  if (indicator !== undefined && indicatorRef !== undefined) {
    error(['spec', 'indicatorRef'], 'use either spec.indicator or spec.indicatorRef, not both');
  } else if (indicator !== undefined) {
    if (!isDict(indicator) || !isDict(indicator.spec)) {
      error(['spec', 'indicator'], 'must be an inline SLI: { metadata: { name }, spec: { ratioMetric | thresholdMetric } }');
    } else {
      const sliMetadata = isDict(indicator.metadata) ? indicator.metadata : {};
      const sliName = typeof sliMetadata.displayName === 'string' ? sliMetadata.displayName : typeof sliMetadata.name === 'string' ? sliMetadata.name : undefined;
      const sliDescription = typeof indicator.spec.description === 'string' ? indicator.spec.description : undefined;
      words = [sliMetadata.name, sliMetadata.displayName, sliDescription].filter((v) => typeof v === 'string').join(' ');
      if (indicator.spec.thresholdMetric !== undefined) {
        kind = 'latency';
        measurement = sliDescription ?? `${sliName ?? 'Indicator'}: a threshold metric compared with the objective's value`;
      } else if (indicator.spec.ratioMetric !== undefined) {
        kind = LATENCY_WORDS.test(words) ? 'latency' : 'availability';
        measurement = sliDescription ?? `${sliName ?? 'Indicator'}: the ratio of good events to all events`;
      } else {
        error([...indicatorPath, 'spec'], 'needs ratioMetric or thresholdMetric');
      }
    }
  } else if (indicatorRef !== undefined) {
    indicatorPath = ['spec', 'indicatorRef'];
    if (typeof indicatorRef !== 'string' || !indicatorRef) {
      error(indicatorPath, 'must be the name of an SLI');
    } else {
      words = indicatorRef;
      kind = LATENCY_WORDS.test(words) || objective?.value !== undefined ? 'latency' : 'availability';
      measurement = `Measured by the OpenSLO indicator "${indicatorRef}"`;
    }
  } else {
    error(['spec', 'indicator'], 'is required: an inline SLI (spec.indicator) or the name of one (spec.indicatorRef)');
  }
  if (objective && (objective.op !== undefined || objective.value !== undefined) && kind === 'availability' && indicatorRef === undefined) kind = 'latency';
  const kindAnnotation = annotations['almanac/sli-kind'];
  if (kindAnnotation !== undefined) kind = String(kindAnnotation);
  const description = typeof spec.description === 'string' && spec.description.trim() ? spec.description : undefined;
  const sli: Dict = { kind, description: measurement ?? description ?? `OpenSLO indicator of ${fileId}` };
  sources.set('sli', indicatorPath);
  if (kindAnnotation !== undefined) sources.set('sli.kind', ['metadata', 'annotations', 'almanac/sli-kind']);
  if (kind === 'latency') {
    if (objective && typeof objective.value === 'number') {
      const threshold: Dict = { value: objective.value, unit: annotations['almanac/threshold-unit'] ?? 'ms' };
      const percentile = annotations['almanac/threshold-percentile'];
      if (percentile !== undefined) threshold.percentile = typeof percentile === 'string' && percentile.trim() !== '' ? Number(percentile) : percentile;
      sli.threshold = threshold;
      sources.set('sli.threshold', ['spec', 'objectives', 0, 'value']);
    } else if (objective) {
      error(
        ['spec', 'objectives', 0],
        'a latency indicator needs a threshold: add op: lte and value: <e.g. 300> to the objective (unit ms, or set the annotation almanac/threshold-unit), or set the annotation almanac/sli-kind to the kind it measures',
      );
    }
  }
  data.sli = sli;
  return done(data, description);
}
