/**
 * OpenSLO v1 input: a `slos/<id>.yaml` holding `apiVersion: openslo/v1`, `kind: SLO` is read as an
 * Almanac SLO, as other tools write it. Pure: takes the parsed YAML, returns the Almanac SLO fields
 * (validated afterwards by the SLO schema like any other entry) and problems at OpenSLO field paths.
 *
 * Mapping
 * - id: the file name; a different `metadata.name` is a warning. title: `metadata.displayName`,
 *   else the name.
 * - `spec.service` → `service` (a service id). `spec.description` → the SLO's description (body).
 * - `spec.objectives[].target` (0–1) or `.targetPercent` (0–100) → `objective` in percent. With two
 *   objectives the higher target is the objective and the lower one `sla` (its `displayName` the
 *   SLA's description).
 * - `spec.timeWindow[0]`: rolling (`isRolling: true`) → `window`, the same duration (`2w` = `14d`);
 *   `m` is minutes in OpenSLO (a month is `M`): a window of 1m–12m is warned about as a likely
 *   month. Calendar-aligned (`calendar`, or `isRolling: false`) `1w`, `1M`, `1Q` →
 *   `calendar-week|month|quarter` with `calendar.timeZone` → `timeZone`.
 * - `budgetingMethod` Occurrences, Timeslices and RatioTimeslices are accepted (a budget here is
 *   the bad time postmortems charge, whatever the monitoring tool counts).
 * - `spec.indicator` / `spec.indicatorRef` → `sli`. The kind: annotation `almanac/sli-kind`, else
 *   latency when an objective has `op` and `value` (threshold `value`, unit `ms` unless the
 *   annotation `almanac/threshold-unit` says otherwise), else availability.
 * - owner: annotation `almanac/owner`, else label `owner` or `team`. `almanac/status` and
 *   `almanac/visibility` annotations set those fields.
 * Unsupported (each reported at its field): apiVersions other than openslo/v1, kinds other than
 * SLO, rolling month/quarter/year windows, calendar windows other than 1w, 1M and 1Q, more than one
 * time window, more than two objectives, objective-level indicators, unknown budgeting methods
 * (errors); alert policies, metric sources and unknown fields (warnings: ignored).
 */
import type { PathSegment, ProblemLevel } from '../core/problems.ts';
import { calendarPeriod, type CalendarWindow } from '../core/windows.ts';
import { DEFAULT_TIME_ZONE, explainTimeZone, zoneOffsetMs } from '../core/zones.ts';

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
const SUPPORTED_BUDGETING = ['Occurrences', 'Timeslices', 'RatioTimeslices'];
/** Calendar-aligned OpenSLO durations and the Almanac window each maps to. */
const CALENDAR_DURATIONS: Record<string, CalendarWindow> = { '1w': 'calendar-week', '1M': 'calendar-month', '1Q': 'calendar-quarter' };

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
    if (!['apiVersion', 'kind', 'metadata', 'spec'].includes(key))
      warning([key], 'is not an OpenSLO SLO field Almanac reads; it is ignored');
  }

  const metadata = isDict(doc.metadata) ? doc.metadata : undefined;
  if (!metadata) error(['metadata'], 'is required: metadata with a name equal to the file name, e.g. { name: ' + fileId + ' }');
  const annotations = isDict(metadata?.annotations) ? metadata.annotations : {};
  const labels = isDict(metadata?.labels) ? metadata.labels : {};
  if (metadata) {
    if (typeof metadata.name !== 'string' || metadata.name === '') {
      error(['metadata', 'name'], `is required: the SLO's name, e.g. the file name (${fileId})`);
    } else if (metadata.name !== fileId) {
      warning(
        ['metadata', 'name'],
        `is "${metadata.name}" but the file is named ${fileId}; the SLO's id is its file name, so references to it use ${fileId}. Rename the file to ${metadata.name}.yaml if that is the id you mean`,
      );
    }
  }

  const spec = isDict(doc.spec) ? doc.spec : undefined;
  if (!spec) {
    error(['spec'], 'is required: the SLO spec (service, indicator, timeWindow, objectives)');
    return done();
  }
  for (const key of Object.keys(spec)) {
    if (!SPEC_FIELDS.includes(key))
      warning(['spec', key], `is not an OpenSLO SLO field Almanac reads; it is ignored (read: ${SPEC_FIELDS.join(', ')})`);
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
    error(
      ['spec', 'budgetingMethod'],
      `"${String(spec.budgetingMethod)}" is not an OpenSLO budgeting method; use one of ${SUPPORTED_BUDGETING.join(', ')}`,
    );
  }
  if (spec.alertPolicies !== undefined && !(Array.isArray(spec.alertPolicies) && spec.alertPolicies.length === 0)) {
    warning(
      ['spec', 'alertPolicies'],
      'alert policies are not supported by Almanac and are ignored; keep alerting in your monitoring tool',
    );
  }

  // Time window.
  const windows = spec.timeWindow;
  if (windows === undefined) {
    error(
      ['spec', 'timeWindow'],
      'is required: one window, rolling ([{ duration: 28d, isRolling: true }]) or calendar-aligned ([{ duration: 1M, calendar: { startTime: "2026-01-01 00:00:00", timeZone: UTC } }])',
    );
  } else if (!Array.isArray(windows) || windows.length === 0) {
    error(['spec', 'timeWindow'], 'must be a list with one window, e.g. [{ duration: 28d, isRolling: true }]');
  } else {
    if (windows.length > 1)
      error(['spec', 'timeWindow', 1], 'only one time window is supported (OpenSLO allows exactly one); remove the others');
    const window = windows[0];
    const at: PathSegment[] = ['spec', 'timeWindow', 0];
    if (!isDict(window)) {
      error(at, 'must be { duration: <e.g. 28d>, isRolling: true } or { duration: 1M, calendar: { startTime, timeZone } }');
    } else if (window.calendar !== undefined || window.isRolling === false) {
      readCalendarWindow(window, at, data, sources, error, warning);
    } else {
      const duration = window.duration;
      const match = typeof duration === 'string' ? /^(\d+)([mhdwMQY])$/.exec(duration) : null;
      if (!match) {
        error(
          [...at, 'duration'],
          `${duration === undefined ? 'is required' : `"${String(duration)}" is not a duration`}: write <number><unit> with unit m (minutes), h, d or w, e.g. 28d`,
        );
      } else {
        const [, amount, unit] = match;
        if (unit === 'M' || unit === 'Q' || unit === 'Y') {
          const name = { M: 'months', Q: 'quarters', Y: 'years' }[unit];
          error(
            [...at, 'duration'],
            `"${duration}": ${name} have no fixed length, so the error budget would be a guess; write the rolling window in days or weeks, e.g. 30d or 4w`,
          );
        } else {
          // The same duration: Almanac reads m, h, d and w as OpenSLO does (2w is 14 days).
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

  // Objectives: one, or two (the higher target is the objective, the lower one the SLA).
  const objectives = spec.objectives;
  const read: { at: PathSegment[]; objective: Dict; percent?: number; source?: PathSegment[] }[] = [];
  if (objectives === undefined) {
    error(['spec', 'objectives'], 'is required: one objective with target (0–1) or targetPercent, e.g. [{ target: 0.999 }]');
  } else if (!Array.isArray(objectives) || objectives.length === 0) {
    error(['spec', 'objectives'], 'must be a list with one objective, e.g. [{ target: 0.999 }]');
  } else if (objectives.length > 2) {
    error(
      ['spec', 'objectives', 2],
      `${fileId}.yaml has ${objectives.length} objectives; Almanac reads one (the objective) or two (the higher target is the objective, the lower one the SLA). Put the others in their own files (e.g. ${fileId}-strict.yaml)`,
    );
  } else {
    objectives.forEach((candidate, index) => {
      const at: PathSegment[] = ['spec', 'objectives', index];
      if (!isDict(candidate)) {
        error(at, 'must be an objective such as { target: 0.999 }');
        return;
      }
      read.push({ at, objective: candidate, ...readTarget(candidate, at, error) });
      for (const key of Object.keys(candidate)) {
        if (key === 'indicator' || key === 'indicatorRef' || key === 'compositeWeight') {
          error([...at, key], 'objective-level indicators (composite SLOs) are not supported; put the indicator under spec.indicator');
        } else if (!OBJECTIVE_FIELDS.includes(key)) {
          warning([...at, key], `is not an OpenSLO objective field Almanac reads; it is ignored (read: ${OBJECTIVE_FIELDS.join(', ')})`);
        }
      }
    });
  }
  const targets = read.filter((entry) => entry.percent !== undefined).sort((a, b) => b.percent! - a.percent!);
  const main = targets[0];
  if (main) {
    data.objective = main.percent;
    sources.set('objective', main.source!);
  }
  if (targets.length === 2) {
    const [higher, lower] = targets;
    if (lower.percent === higher.percent) {
      error(
        lower.source!,
        `equals the other objective's target (${higher.percent}%); with two objectives the lower target is the SLA, so it must be lower`,
      );
    } else {
      const name =
        typeof lower.objective.displayName === 'string' && lower.objective.displayName.trim() ? lower.objective.displayName : undefined;
      data.sla = { objective: lower.percent, ...(name ? { description: name } : {}) };
      sources.set('sla', lower.at);
      sources.set('sla.objective', lower.source!);
    }
  }
  // The threshold comes from the objective that has one, the SLO's own first.
  const objective =
    [main, ...targets.slice(1), ...read].find(
      (entry) => entry && entry.objective.op !== undefined && entry.objective.value !== undefined,
    ) ??
    main ??
    read[0];

  // Indicator → sli. The kind: the almanac/sli-kind annotation, else latency when an objective
  // compares against a value (op and value), else availability.
  const indicator = spec.indicator;
  const indicatorRef = spec.indicatorRef;
  let indicatorPath: PathSegment[] = ['spec', 'indicator'];
  let measurement: string | undefined;
  if (indicator !== undefined && indicatorRef !== undefined) {
    error(['spec', 'indicatorRef'], 'use either spec.indicator or spec.indicatorRef, not both');
  } else if (indicator !== undefined) {
    if (!isDict(indicator) || !isDict(indicator.spec)) {
      error(['spec', 'indicator'], 'must be an inline SLI: { metadata: { name }, spec: { ratioMetric | thresholdMetric } }');
    } else {
      const sliMetadata = isDict(indicator.metadata) ? indicator.metadata : {};
      const sliName =
        typeof sliMetadata.displayName === 'string'
          ? sliMetadata.displayName
          : typeof sliMetadata.name === 'string'
            ? sliMetadata.name
            : undefined;
      const sliDescription = typeof indicator.spec.description === 'string' ? indicator.spec.description : undefined;
      const sliSpec: Dict = indicator.spec;
      const metric = (['thresholdMetric', 'ratioMetric'] as const).find((key) => sliSpec[key] !== undefined);
      if (metric === 'thresholdMetric') {
        measurement = sliDescription ?? `${sliName ?? 'Indicator'}: a threshold metric compared with the objective's value`;
      } else if (metric === 'ratioMetric') {
        const ratio = isDict(sliSpec.ratioMetric) ? sliSpec.ratioMetric : {};
        const what =
          ratio.bad !== undefined
            ? 'one minus the ratio of bad events to all events'
            : ratio.raw !== undefined
              ? 'a precomputed ratio of events'
              : 'the ratio of good events to all events';
        measurement = sliDescription ?? `${sliName ?? 'Indicator'}: ${what}`;
      } else {
        error([...indicatorPath, 'spec'], 'needs ratioMetric or thresholdMetric');
      }
      if (metric) {
        const source = metricSourcePath(sliSpec[metric], [...indicatorPath, 'spec', metric]);
        if (source) {
          warning(
            source,
            'metric sources are not read and are ignored: Almanac charges error budgets from postmortems (impact.slos), not from metrics; keep the queries for your monitoring tool',
          );
        }
      }
    }
  } else if (indicatorRef !== undefined) {
    indicatorPath = ['spec', 'indicatorRef'];
    if (typeof indicatorRef !== 'string' || !indicatorRef) {
      error(indicatorPath, 'must be the name of an SLI');
    } else {
      measurement = `Measured by the OpenSLO indicator "${indicatorRef}"`;
    }
  } else {
    error(['spec', 'indicator'], 'is required: an inline SLI (spec.indicator) or the name of one (spec.indicatorRef)');
  }
  const compares = objective !== undefined && objective.objective.op !== undefined && objective.objective.value !== undefined;
  const kindAnnotation = annotations['almanac/sli-kind'];
  const kind = kindAnnotation !== undefined ? String(kindAnnotation) : compares ? 'latency' : 'availability';
  const description = typeof spec.description === 'string' && spec.description.trim() ? spec.description : undefined;
  const sli: Dict = { kind, description: measurement ?? description ?? `OpenSLO indicator of ${fileId}` };
  sources.set('sli', indicatorPath);
  if (kindAnnotation !== undefined) sources.set('sli.kind', ['metadata', 'annotations', 'almanac/sli-kind']);
  if (kind === 'latency') {
    if (objective && typeof objective.objective.value === 'number') {
      const threshold: Dict = { value: objective.objective.value, unit: annotations['almanac/threshold-unit'] ?? 'ms' };
      const percentile = annotations['almanac/threshold-percentile'];
      if (percentile !== undefined)
        threshold.percentile = typeof percentile === 'string' && percentile.trim() !== '' ? Number(percentile) : percentile;
      sli.threshold = threshold;
      sources.set('sli.threshold', [...objective.at, 'value']);
    } else if (objective) {
      error(
        objective.at,
        'a latency indicator needs a threshold: add op: lte and value: <e.g. 300> to the objective (unit ms, or set the annotation almanac/threshold-unit), or set the annotation almanac/sli-kind to the kind it measures',
      );
    }
  }
  data.sli = sli;
  return done(data, description);
}

type Report = (path: PathSegment[], message: string) => void;

/** Reads `target` (0–1) or `targetPercent` (0–100) of one objective as a percentage. */
function readTarget(objective: Dict, at: PathSegment[], error: Report): { percent?: number; source?: PathSegment[] } {
  const { target, targetPercent } = objective;
  if (target !== undefined && targetPercent !== undefined) {
    error([...at, 'targetPercent'], 'use either target (0–1) or targetPercent (0–100), not both');
  } else if (target !== undefined) {
    if (typeof target !== 'number' || !(target > 0 && target < 1)) {
      const hint =
        typeof target === 'number' && target >= 1 && target < 100
          ? `; ${target} looks like a percentage: write targetPercent: ${target} or target: ${target / 100}`
          : '';
      error([...at, 'target'], `must be a number above 0 and below 1, e.g. 0.999 for 99.9%${hint}`);
    } else {
      return { percent: Math.round(target * 100 * 1e9) / 1e9, source: [...at, 'target'] };
    }
  } else if (targetPercent !== undefined) {
    if (typeof targetPercent !== 'number' || !(targetPercent > 0 && targetPercent < 100)) {
      error([...at, 'targetPercent'], 'must be a number above 0 and below 100, e.g. 99.9');
    } else {
      return { percent: targetPercent, source: [...at, 'targetPercent'] };
    }
  } else {
    error(at, 'needs target (a fraction, e.g. 0.999) or targetPercent (e.g. 99.9)');
  }
  return {};
}

/** OpenSLO `calendar.startTime`: a local date and time without offset, "2026-01-01 00:00:00". */
const START_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$/;

/**
 * A calendar-aligned window: `1w`, `1M` or `1Q` in `calendar.timeZone`. Almanac's periods begin on
 * Monday 00:00 and on the first day of a month or quarter at 00:00, so a `startTime` elsewhere is
 * warned about (it would shift every period).
 */
function readCalendarWindow(
  window: Dict,
  at: PathSegment[],
  data: Dict,
  sources: Map<string, PathSegment[]>,
  error: Report,
  warning: Report,
): void {
  const duration = window.duration;
  const mapped = typeof duration === 'string' ? CALENDAR_DURATIONS[duration] : undefined;
  if (!mapped) {
    error(
      [...at, 'duration'],
      `${duration === undefined ? 'is required' : `"${String(duration)}" is not supported`} for a calendar-aligned window: write 1w (calendar week), 1M (calendar month) or 1Q (calendar quarter), or make the window rolling (isRolling: true, e.g. 28d)`,
    );
    return;
  }
  data.window = mapped;
  sources.set('window', [...at, 'duration']);
  const calendar = isDict(window.calendar) ? window.calendar : undefined;
  if (window.calendar !== undefined && !calendar) {
    error([...at, 'calendar'], 'must be { startTime: "2026-01-01 00:00:00", timeZone: <IANA name, e.g. Europe/London> }');
    return;
  }
  if (!calendar || calendar.timeZone === undefined) {
    warning(
      calendar ? [...at, 'calendar'] : at,
      `has no calendar.timeZone, so periods begin at 00:00 ${DEFAULT_TIME_ZONE}; add calendar.timeZone (an IANA name, e.g. Europe/London) if they begin elsewhere`,
    );
  } else {
    data.timeZone = calendar.timeZone;
    sources.set('timeZone', [...at, 'calendar', 'timeZone']);
  }
  const startTime = calendar?.startTime;
  if (startTime === undefined) return;
  const match = typeof startTime === 'string' ? START_TIME.exec(startTime) : null;
  if (!match) {
    warning([...at, 'calendar', 'startTime'], `"${String(startTime)}" is not an OpenSLO start time ("2026-01-01 00:00:00"); it is ignored`);
    return;
  }
  const zone = typeof data.timeZone === 'string' && explainTimeZone(data.timeZone) === undefined ? data.timeZone : DEFAULT_TIME_ZONE;
  const [, y, mo, d, h, mi, sec] = match.map(Number);
  const wall = Date.UTC(y, mo - 1, d, h, mi, sec || 0);
  const instantAt = wall - zoneOffsetMs(wall, zone);
  if (calendarPeriod(mapped, zone, instantAt).start !== instantAt) {
    const boundary = {
      'calendar-week': 'a Monday at 00:00',
      'calendar-month': 'the first day of a month at 00:00',
      'calendar-quarter': 'the first day of a quarter at 00:00',
    }[mapped];
    warning(
      [...at, 'calendar', 'startTime'],
      `"${startTime}" is not ${boundary}; Almanac's ${mapped} periods always begin there (in ${zone}), so budgets follow those periods, not this start time`,
    );
  }
}

/** Where an SLI's metric source is declared (`metricSource` or `metricSourceRef`), if anywhere. */
function metricSourcePath(metric: unknown, at: PathSegment[]): PathSegment[] | undefined {
  if (!isDict(metric)) return undefined;
  for (const key of ['metricSource', 'metricSourceRef']) if (metric[key] !== undefined) return [...at, key];
  for (const part of ['good', 'bad', 'total', 'raw']) {
    const found = metricSourcePath(metric[part], [...at, part]);
    if (found) return found;
  }
  return undefined;
}
