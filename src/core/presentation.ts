/** How values look: badge tones and labels. Pure, so every page and card agrees. */
import type { SiteConfig } from './schemas/config.ts';

/**
 * Badge tones. Statuses use `bad` … `neutral`; severities, priorities and tiers use the salience
 * scale `critical` > `high` > `moderate` > `low`. Colours: `palette.ts`.
 */
export type Tone = 'bad' | 'warn' | 'ok' | 'info' | 'neutral' | ScaleTone;
/** The salience scale, most salient first. */
export const SCALE_TONES = ['critical', 'high', 'moderate', 'low'] as const;
export type ScaleTone = (typeof SCALE_TONES)[number];

/** The tone of position `index` on a scale (0 = most severe); everything past the third is `low`. */
export function scaleTone(index: number): ScaleTone {
  return SCALE_TONES[Math.min(Math.max(index, 0), SCALE_TONES.length - 1)]!;
}

const STATUS_TONES: Record<string, Tone> = {
  // postmortems, PRDs, handbook
  draft: 'neutral',
  'in-review': 'info',
  published: 'ok',
  approved: 'ok',
  rejected: 'bad',
  shipped: 'ok',
  superseded: 'neutral',
  // SLOs
  active: 'ok',
  retired: 'neutral',
  healthy: 'ok',
  'at-risk': 'warn',
  exhausted: 'bad',
  // releases
  planned: 'info',
  'in-progress': 'info',
  'rolled-back': 'bad',
  cancelled: 'neutral',
  // gates
  passed: 'ok',
  failed: 'bad',
  waived: 'warn',
  pending: 'info',
  // action items
  open: 'warn',
  done: 'ok',
  'wont-do': 'neutral',
  overdue: 'bad',
  stale: 'warn',
  'changes-requested': 'warn',
};

export function statusTone(status: string): Tone {
  return STATUS_TONES[status] ?? 'neutral';
}

/** Severities in configured order (most severe first) on the salience scale; unknown ones are `low`. */
export function severityTone(config: SiteConfig, severity: string): ScaleTone {
  const index = config.severities.findIndex((level) => level.id === severity);
  return index === -1 ? 'low' : scaleTone(index);
}

export function severityLabel(config: SiteConfig, severity: string): string {
  return config.severities.find((level) => level.id === severity)?.label ?? severity;
}

/** P0 … P3 on the salience scale. */
export function priorityTone(priority: string): ScaleTone {
  const index = /^P(\d)$/.exec(priority)?.[1];
  return index === undefined ? 'low' : scaleTone(Number(index));
}

/** A risk's likelihood or impact (`high`, `medium`, `low`) on the salience scale. */
export function levelTone(level: string): ScaleTone {
  return level === 'high' ? 'high' : level === 'medium' ? 'moderate' : 'low';
}

/** Service tiers 1 … 3 on the salience scale. */
export function tierTone(tier: number): ScaleTone {
  return scaleTone(tier - 1);
}

/** "in-review" → "In review". */
export function humanize(value: string): string {
  const text = value.replace(/-/g, ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Numbers for people: at most one decimal, no trailing zeros. */
export function formatNumber(value: number, digits = 1): string {
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '—';
  return Number(value.toFixed(digits)).toLocaleString('en-US');
}

/** `2026-03-02T09:14:00+01:00` → `2026-03-02 08:14 UTC`. */
export function formatInstant(value: string | number): string {
  const date = new Date(value);
  return `${date.toISOString().slice(0, 10)} ${date.toISOString().slice(11, 16)} UTC`;
}

const TYPE_LABELS: Record<string, string> = {
  postmortems: 'Postmortem',
  slos: 'SLO',
  releases: 'Release',
  prds: 'PRD',
  handbook: 'Handbook page',
  services: 'Service',
  teams: 'Team',
};

export function collectionLabel(collection: string): string {
  return TYPE_LABELS[collection] ?? humanize(collection);
}

/**
 * "Edit this page" URL: the repository, the edit branch, and the file's path inside the content
 * folder (from its collection folder on, so it also works with `ALMANAC_CONTENT_DIR`).
 */
export function editLink(
  repository: string | undefined,
  config: Pick<SiteConfig, 'editBranch' | 'contentPath'>,
  file: string,
): string | undefined {
  if (!repository) return undefined;
  const inContent = /(?:^|\/)((?:teams|services|slos|postmortems|releases|prds|handbook)\/[^/]+)$/.exec(file)?.[1];
  if (!inContent) return undefined;
  const path = [config.contentPath.replace(/^\/+|\/+$/g, ''), inContent].filter(Boolean).join('/');
  return `${repository.replace(/\/+$/, '')}/edit/${config.editBranch}/${path}`;
}

/**
 * A median (or any summary over n values) for a page: `none` when there are no values, "n = 2:
 * too few to call" below `minN`, else the formatted value.
 */
export function figureText(figure: { n: number; value?: number }, format: (value: number) => string, none: string, minN: number): string {
  if (figure.n === 0 || figure.value === undefined) return none;
  if (figure.n < minN) return `n = ${figure.n}: too few to call`;
  return format(figure.value);
}

/** A share of deployments for a page: "33% (2 of 6)", or "no deployments in the window". */
export function shareText(part: number, whole: number): string {
  return whole === 0 ? 'no deployments in the window' : `${formatNumber((100 * part) / whole, 0)}% (${part} of ${whole})`;
}

/**
 * One formatter per options and zone, made on first use: making an `Intl.DateTimeFormat` costs far
 * more than formatting with one, and every postmortem page formats its timeline in a few zones.
 */
function zonedFormatter(options: Intl.DateTimeFormatOptions, made: Map<string, Intl.DateTimeFormat>, zone: string) {
  let formatter = made.get(zone);
  if (!formatter) made.set(zone, (formatter = new Intl.DateTimeFormat('en-GB', { ...options, timeZone: zone })));
  return formatter;
}
const dayFormatters = new Map<string, Intl.DateTimeFormat>();
const instantFormatters = new Map<string, Intl.DateTimeFormat>();
const DAY: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'short' };
const INSTANT: Intl.DateTimeFormatOptions = {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
  timeZoneName: 'short',
};

/** An instant as a day in `zone`: `10 Nov`. */
export function formatZonedDay(value: number, zone: string): string {
  return zonedFormatter(DAY, dayFormatters, zone).format(new Date(value));
}

/** An instant in `zone` with the zone's abbreviation: `10 Nov 2026, 03:40 GMT`. */
export function formatZonedInstant(value: number, zone: string): string {
  return zonedFormatter(INSTANT, instantFormatters, zone).format(new Date(value));
}

/** A date for a heading or a notice: `2026-12-01` → `Tuesday 1 December 2026`. */
export function formatLongDate(date: string): string {
  return zonedFormatter(LONG_DATE, longDateFormatters, 'UTC').format(new Date(`${date}T00:00:00Z`));
}
const LONG_DATE: Intl.DateTimeFormatOptions = { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' };
const longDateFormatters = new Map<string, Intl.DateTimeFormat>();

/** How a release shipped into an error-budget freeze (governance.ts), in a few words. */
export const FREEZE_OUTCOME_LABELS = {
  hotfix: 'Hotfix with fixes',
  'fix-only': 'Fixes and security changes only',
  exception: 'Budget exception',
  breaks: 'Breaks the freeze',
} as const;

/** A cadence step for a sentence: `7d` → `7 days`, `1w` → `week`, `2w` → `2 weeks`. */
export function cadenceText(every: string): string {
  const match = /^(\d+)([dw])$/.exec(every);
  if (!match) return every;
  const unit = match[2] === 'd' ? 'day' : 'week';
  return match[1] === '1' ? unit : `${match[1]} ${unit}s`;
}
