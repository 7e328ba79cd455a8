/**
 * Templates of `npm run new -- <type> "<title>"` (pure: no file system, no prompts; see
 * scripts/new.ts). Each template writes every contract field, with its guidance as YAML comments
 * (optional fields commented out), today's date, and the body's sections. A new entry starts as
 * a draft (a release as `planned`, its first state) and passes `npm run check` as written: every
 * reference it contains is one the caller chose from the existing ids.
 */
import type { CollectionName } from './schemas/common.ts';
import type { SiteConfig } from './schemas/config.ts';
import { ACTION_STATUSES, ACTION_TYPES, DETECTION_SOURCES, PRIORITIES } from './schemas/postmortems.ts';
import { SLI_KINDS } from './schemas/slos.ts';
import { nextTrain } from './calendar.ts';
import { urgentSeverities } from './rules.ts';
import { explainWindow } from './windows.ts';
import { didYouMean, explainId, idFromTitle } from './ids.ts';
import { addDays, explainDate, explainDateTime, isoDate } from './time.ts';

export const SCAFFOLD_TYPES = ['postmortem', 'slo', 'release', 'prd', 'handbook'] as const;
export type ScaffoldType = (typeof SCAFFOLD_TYPES)[number];

export const COLLECTION_OF: Record<ScaffoldType, CollectionName> = {
  postmortem: 'postmortems',
  slo: 'slos',
  release: 'releases',
  prd: 'prds',
  handbook: 'handbook',
};

/** A value the user may pick, with a label shown in prompts. */
export interface Choice {
  value: string;
  label?: string;
}

/** What the templates need to know about the content folder. */
export interface ScaffoldContext {
  config: SiteConfig;
  /** Existing entries that templates may reference, by collection. */
  existing: { services: Choice[]; teams: Choice[]; slos: Choice[]; releases?: Choice[]; prds?: Choice[]; postmortems?: Choice[] };
  /** The as-of instant, epoch ms (`ALMANAC_NOW`, else now): "today" in templates. */
  now: number;
}

/** One value a template needs: from a flag, a prompt on a terminal, or its default. */
export interface Question {
  /** Flag name without dashes, e.g. `service` for `--service`. */
  flag: string;
  /** What to ask, e.g. "Affected service". */
  prompt: string;
  /** The valid values, when the answer is a choice. */
  choices?: Choice[];
  /** Several values, comma-separated. */
  multiple?: boolean;
  /** Used when the flag is absent (and no terminal asks). Required questions have none. */
  default?: string;
  /** Why a value is invalid, or undefined when it is fine (beyond `choices`). */
  check?: (value: string) => string | undefined;
}

const VERSION_IN_TITLE = /\b(\d+\.\d+(?:\.\d+)?(?:[-+][0-9A-Za-z.-]+)?)\b/;

/** The questions of a template, with defaults where the content model has them. */
export function questionsFor(type: ScaffoldType, title: string, context: ScaffoldContext): Question[] {
  const { config, existing, now } = context;
  const minute = new Date(Math.floor(now / 60_000) * 60_000).toISOString().replace(/:00\.000Z$/, ':00Z');
  const severities = config.severities.map((s) => ({ value: s.id, label: s.label }));
  switch (type) {
    case 'postmortem':
      return [
        { flag: 'service', prompt: 'Affected service(s)', choices: existing.services, multiple: true },
        { flag: 'severity', prompt: 'Severity', choices: severities },
        { flag: 'author', prompt: 'Author name(s)', multiple: true },
        { flag: 'started', prompt: 'When impact began (ISO datetime with offset)', default: minute, check: explainDateTime },
        { flag: 'detected', prompt: 'When it was detected (ISO datetime with offset)', default: minute, check: explainDateTime },
      ];
    case 'slo':
      return [
        { flag: 'service', prompt: 'Service', choices: existing.services },
        { flag: 'kind', prompt: 'SLI kind', choices: SLI_KINDS.map((value) => ({ value })) },
        {
          flag: 'objective',
          prompt: 'Objective in percent',
          default: '99.9',
          check: (v) => (Number(v) > 0 && Number(v) < 100 ? undefined : `"${v}" must be a number above 0 and below 100, e.g. 99.9`),
        },
        { flag: 'window', prompt: 'Window (rolling, e.g. 30d, or calendar-week|month|quarter)', default: '30d', check: explainWindow },
      ];
    case 'release': {
      const train = nextTrain(config.releaseTrains, now);
      const version = VERSION_IN_TITLE.exec(title)?.[1];
      return [
        { flag: 'version', prompt: 'Version (semver or calendar version)', default: version },
        { flag: 'service', prompt: 'Service(s) released', choices: existing.services, multiple: true },
        { flag: 'train', prompt: 'Release train', default: train.id },
        { flag: 'date', prompt: 'Planned date (YYYY-MM-DD)', default: train.date, check: explainDate },
        {
          flag: 'hotfix',
          prompt: 'Hotfix: unplanned, outside the train, for a production problem',
          choices: [
            { value: 'false', label: 'no' },
            { value: 'true', label: 'yes' },
          ],
          default: 'false',
        },
        { flag: 'fixes', prompt: 'Incident(s) this release fixes (postmortem ids)', choices: existing.postmortems ?? [], multiple: true },
      ];
    }
    case 'prd':
      return [
        { flag: 'owner', prompt: 'Owning team', choices: existing.teams },
        { flag: 'author', prompt: 'Author name(s)', multiple: true },
      ];
    case 'handbook':
      return [{ flag: 'owner', prompt: 'Owning team', choices: existing.teams }];
  }
}

/** Why an answer is invalid (naming its flag and the valid values), or undefined. */
export function checkAnswer(question: Question, value: string): string | undefined {
  const values = question.multiple ? splitList(value) : [value.trim()];
  if (values.length === 0 || values.some((v) => v === '')) return `--${question.flag} needs a value`;
  for (const item of values) {
    if (question.choices && !question.choices.some((choice) => choice.value === item)) {
      const valid = question.choices.map((choice) => choice.value);
      return `--${question.flag} "${item}" is not valid; use ${question.multiple ? 'one or more of' : 'one of'}: ${valid.join(', ') || '(none exist yet: add one first)'}.${didYouMean(item, valid)}`;
    }
    const problem = question.check?.(item);
    if (problem) return `--${question.flag}: ${problem}`;
  }
  return undefined;
}

/** The answer with each value spelled as its choice when they differ only in case (`sev2` → `SEV2`). */
export function normalizeAnswer(question: Question, value: string): string {
  if (!question.choices) return value.trim();
  const canonical = (item: string) => question.choices!.find((choice) => choice.value.toLowerCase() === item.toLowerCase())?.value ?? item;
  return question.multiple ? splitList(value).map(canonical).join(',') : canonical(value.trim());
}

/** `a, b ,c` → `['a', 'b', 'c']`. */
export function splitList(value: string): string[] {
  return value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

export interface ScaffoldResult {
  collection: CollectionName;
  id: string;
  /** Path inside the content folder, e.g. `postmortems/slot-booking-outage.mdx`. */
  path: string;
  text: string;
}

/** Renders the new entry's file. `answers` holds every question's value by flag. */
export function renderScaffold(
  type: ScaffoldType,
  title: string,
  answers: Record<string, string>,
  context: ScaffoldContext,
  id = idFromTitle(title),
): ScaffoldResult {
  const idProblem = explainId(id);
  if (idProblem) throw new Error(`the file name ${idProblem}`);
  const collection = COLLECTION_OF[type];
  const render = {
    postmortem: postmortemTemplate,
    slo: sloTemplate,
    release: releaseTemplate,
    prd: prdTemplate,
    handbook: handbookTemplate,
  }[type];
  const text = render(title, answers, context);
  return { collection, id, path: `${collection}/${id}.mdx`, text };
}

// ── Template helpers ───────────────────────────────────────────────────────────────────────

/** A YAML double-quoted scalar (JSON strings are valid YAML). */
const q = (value: string) => JSON.stringify(value);
const list = (values: readonly string[], indent = '  ') =>
  values.length ? '\n' + values.map((v) => `${indent}- ${q(v)}`).join('\n') : ' []';
const idList = (values: readonly string[], indent = '  ') =>
  values.length ? '\n' + values.map((v) => `${indent}- ${v}`).join('\n') : ' []';
const ids = (choices: readonly Choice[] | undefined, max = 12) => {
  const values = (choices ?? []).map((c) => c.value);
  if (values.length === 0) return '(none yet)';
  return values.length > max ? `${values.slice(0, max).join(', ')}, …` : values.join(', ');
};
const frontmatter = (lines: string[]) => `---\n${lines.join('\n')}\n---\n`;

// ── Postmortem ─────────────────────────────────────────────────────────────────────────────

function postmortemTemplate(title: string, a: Record<string, string>, { config, existing, now }: ScaffoldContext): string {
  const today = isoDate(now);
  const severities = config.severities.map((s) => `${s.id} (${s.label})`).join(', ');
  const categories = config.contributingFactorCategories.map((c) => c.id).join(', ');
  const urgent = urgentSeverities(config).join('/');
  const policy = config.policies;
  return (
    frontmatter([
      '# A blameless incident review. Lines starting with "#" are guidance: delete them as you go.',
      '# Check your work with `npm run check`; every field is described in the README (Authoring).',
      '',
      '# Headline: what customers experienced, not who did what.',
      `title: ${q(title)}`,
      '# One paragraph for leadership: what happened, the impact, and what changes.',
      'summary: "TODO: what happened, who was affected and for how long, and what we are changing."',
      `# One of: ${severities}.`,
      `severity: ${a.severity}`,
      `# draft → in-review (open the pull request) → published (after the review meeting).`,
      `# ${urgent} postmortems are published within ${policy.publishWithinDays.days} days of resolution.`,
      'status: draft',
      '# incident (default), or near-miss when customers were not affected: a near-miss charges no',
      '# error budget (leave impact.slos empty) and is counted apart from incidents.',
      'kind: incident',
      '# internal (default) or public. A public postmortem must not contain e-mail addresses or phone numbers.',
      'visibility: internal',
      `# Affected services, at least one (ids from services/: ${ids(existing.services)}).`,
      `services:${idList(splitList(a.service))}`,
      '# Who wrote this review. Names appear here and in reviewers, never as a cause.',
      `authors:${list(splitList(a.author))}`,
      '# ISO 8601 datetimes with an offset (Z or +01:00), in this order:',
      '# started ≤ detected ≤ acknowledged ≤ mitigated ≤ resolved.',
      'timeline:',
      '  # When impact began (TODO: check).',
      `  started: ${a.started}`,
      '  # When we knew: the alert, the customer report (TODO: check).',
      `  detected: ${a.detected}`,
      '  # When a responder took it.',
      `  # acknowledged: ${a.detected}`,
      '  # When impact ended, and when the incident was closed: both required once published.',
      `  # mitigated: ${a.detected}`,
      `  # resolved: ${a.detected}`,
      'impact:',
      '  # Who and what was affected, in words.',
      '  summary: "TODO: who and what was affected, and for how long."',
      '  # Number of users affected, when known.',
      '  # usersAffected: 1200',
      '  # Error budget charged per SLO: bad `minutes`, or the `fraction` (0–1) of mitigated − started.',
      `  # SLO ids: ${ids(existing.slos)}.`,
      '  slos: []',
      '  #  - slo: <slo id>',
      '  #    fraction: 0.5',
      `# How it was detected: ${DETECTION_SOURCES.join(', ')}.`,
      '# detection: alert',
      '# What set it off: a change, a load spike, an expired certificate, …',
      '# trigger: "TODO"',
      `# The conditions that let it happen; at least one before publishing. Categories: ${categories}.`,
      'contributingFactors: []',
      '#  - category: change',
      '#    description: "The new rules engine loaded promotion rules once per basket line."',
      '# Follow-up work; at least one before publishing.',
      `#   type: ${ACTION_TYPES.join(' | ')}; owner: a team id (${ids(existing.teams)});`,
      `#   due: YYYY-MM-DD; status: ${ACTION_STATUSES.join(' | ')}; priority: ${PRIORITIES.join(' | ')}.`,
      `#   P0 items are due within ${policy.actionItemDue.p0Weeks} weeks of the review, P1 within ${policy.actionItemDue.p1Weeks} weeks; an incident that`,
      `#   used more than ${config.thresholds.incidentBudgetPercent}% of an SLO's error budget needs a P0 "prevent" item.`,
      'actionItems: []',
      '#  - title: "Alert when connection pool utilisation stays above 80% for 2 minutes"',
      '#    type: detect',
      `#    owner: ${existing.teams[0]?.value ?? '<team id>'}`,
      `#    due: ${addDays(today, 28)}`,
      '#    status: open',
      '#    priority: P1',
      '#    link: https://tickets.example.com/OPS-123',
      'lessons:',
      '  wentWell: []',
      '  wentWrong: []',
      '  gotLucky: []',
      '# Releases that triggered or contributed (ids from releases/), and related PRDs (ids from prds/).',
      'releases: []',
      'prds: []',
      '# Required once published: who reviewed it, and the review date (YYYY-MM-DD).',
      'reviewers: []',
      `# reviewedAt: ${today}`,
      'tags: []',
    ]) +
    `
{/* Write about systems and conditions, not people: the blameless lint flags phrases such as
    "human error", "should have" or "forgot to". Aim for 300 to 700 words.
    The page already shows the summary, key facts, lessons and action items from the fields above;
    tell here what they cannot say. A "## Lessons" or "## Action items" heading would replace the
    page's own section of that name (docs/reading.md). */}

## Impact

TODO: who was affected, how, for how long, and the error budget it cost.

## Timeline

TODO: the key moments, with times and their offsets.

## Contributing factors

TODO: the conditions that lined up, one paragraph each, matching contributingFactors.
`
  );
}

// ── SLO ────────────────────────────────────────────────────────────────────────────────────

function sloTemplate(title: string, a: Record<string, string>, { existing }: ScaffoldContext): string {
  const latency = a.kind === 'latency';
  return (
    frontmatter([
      '# A service level objective. Lines starting with "#" are guidance: delete them as you go.',
      `title: ${q(title)}`,
      `# The service it is about (ids from services/: ${ids(existing.services)}).`,
      `service: ${a.service}`,
      `# The accountable team; defaults to the service's team (ids: ${ids(existing.teams)}).`,
      '# owner: <team id>',
      'sli:',
      `  # What is measured: ${SLI_KINDS.join(', ')}.`,
      `  kind: ${a.kind}`,
      '  # How it is measured, in words.',
      '  description: "TODO: e.g. proportion of POST /v2/checkout requests answered without a 5xx, measured at the load balancer."',
      latency
        ? '  # The good/bad threshold (required for latency), e.g. p99 under 300 ms (TODO: check).'
        : '  # The good/bad threshold, required when kind is latency.',
      latency ? '  threshold: { value: 300, unit: ms, percentile: 99 }' : '  # threshold: { value: 300, unit: ms, percentile: 99 }',
      '# Target in percent, above 0 and below 100. Error budget = (100 − objective)% of the window.',
      `objective: ${a.objective}`,
      '# Window: rolling <number><unit> (unit m, h, d or w), or calendar-week, calendar-month or',
      '# calendar-quarter (the period containing the as-of date; see docs/slo-windows.md).',
      `window: ${a.window}`,
      '# Time zone of a calendar window (IANA name); default UTC.',
      '# timeZone: Europe/London',
      '# The external promise, if any; its objective must be lower than the SLO objective.',
      '# sla:',
      '#   objective: 99.5',
      '#   description: "TODO: the contract it comes from."',
      '# draft (never published) → active → retired.',
      'status: draft',
      '# internal (default) or public.',
      'visibility: internal',
    ]) +
    `
{/* Explain the objective: why this indicator, why this number and window, and what happens
    when the error budget runs out. */}

TODO: why this objective matters to customers, how the target and window were chosen, and what the owning team does when the budget is at risk.
`
  );
}

// ── Release ────────────────────────────────────────────────────────────────────────────────

function releaseTemplate(title: string, a: Record<string, string>, { config, existing }: ScaffoldContext): string {
  const gates = config.gates.map((gate) => `  - gate: ${gate.id}\n    status: pending${gate.required ? '' : '\n    # optional gate'}`);
  return (
    frontmatter([
      '# Release notes. Lines starting with "#" are guidance: delete them as you go.',
      '# Semver or calendar version; unique across releases.',
      `version: ${q(a.version)}`,
      '# Defaults to the version.',
      `title: ${q(title)}`,
      '# The release train it rides, e.g. 2026-11-a.',
      `train: ${q(a.train)}`,
      '# Planned date; the shipped date once shipped (YYYY-MM-DD).',
      `date: ${a.date}`,
      '# planned → in-progress → shipped | rolled-back | cancelled.',
      'status: planned',
      '# true for an unplanned release outside the train, made because of a production problem.',
      `hotfix: ${a.hotfix === 'true' ? 'true' : 'false'}`,
      `# The incidents this release remediates (ids from postmortems/: ${ids(existing.postmortems ?? [])}).`,
      `fixes:${idList(splitList(a.fixes ?? ''))}`,
      `# Services released (ids from services/: ${ids(existing.services)}).`,
      `services:${idList(splitList(a.service ?? ''))}`,
      '# Quality gates: passed | failed | waived | pending. A shipped release needs every required',
      `# gate (${config.gates
        .filter((g) => g.required)
        .map((g) => g.id)
        .join(', ')}) passed or waived;`,
      '# a waived gate needs waiver: { by: <who accepted the risk>, reason: <why> }. evidence: a link or note.',
      `gates:${gates.length ? '\n' + gates.join('\n') : ' []'}`,
      '# What changed: type added | changed | fixed | removed | deprecated | security;',
      '# prd: the PRD it delivers (id from prds/); breaking: true for breaking changes;',
      '# mergedAt: when it was merged (datetime with offset, by the end of the release date in UTC),',
      '# the start of its lead time.',
      'changes: []',
      '#  - type: added',
      '#    summary: "TODO"',
      '#    mergedAt: 2026-11-02T14:30:00Z',
      '# internal (default) or public.',
      'visibility: internal',
    ]) +
    `
TODO: what this release brings, for whom, and anything operators or other teams need to know.
`
  );
}

// ── PRD ────────────────────────────────────────────────────────────────────────────────────

function prdTemplate(title: string, a: Record<string, string>, { config, existing, now }: ScaffoldContext): string {
  return (
    frontmatter([
      '# A product requirement / design document. Lines starting with "#" are guidance.',
      `title: ${q(title)}`,
      '# One paragraph: the problem and the proposal.',
      'summary: "TODO: the problem, who has it, and what we propose."',
      '# draft → in-review → approved | rejected → shipped; superseded (with supersededBy).',
      `# An in-review PRD is booked into the next review session (every ${config.prdReviews.every} from ${config.prdReviews.start}).`,
      'status: draft',
      `authors:${list(splitList(a.author))}`,
      `# The team that owns the outcome (ids: ${ids(existing.teams)}).`,
      `owner: ${a.owner}`,
      `created: ${isoDate(now)}`,
      'reviewers: []',
      '# review:',
      '#   session: YYYY-MM-DD  (the review session it is booked into)',
      '#   decisions:',
      '#     - date: YYYY-MM-DD',
      '#       outcome: approved | changes-requested | rejected',
      '#       notes: "TODO"',
      '# The PRD that replaces this one; required when status is superseded.',
      '# supersededBy: <prd id>',
      `# SLOs it affects (ids: ${ids(existing.slos)}) and releases where it shipped.`,
      'slos: []',
      'releases: []',
      '# likelihood and impact: low | medium | high.',
      'risks: []',
      '#  - description: "TODO"',
      '#    likelihood: medium',
      '#    impact: high',
      '#    mitigation: "TODO"',
      '# internal (default) or public.',
      'visibility: internal',
      'tags: []',
    ]) +
    `
## Problem

TODO: who has the problem, how we know, and what it costs.

## Goals

- TODO

## Non-goals

- TODO

## Proposal

TODO: what we will build, and how it meets the goals.

## Open questions

- TODO
`
  );
}

// ── Handbook page ──────────────────────────────────────────────────────────────────────────

function handbookTemplate(title: string, a: Record<string, string>, { existing, now }: ScaffoldContext): string {
  return (
    frontmatter([
      '# A handbook page: a process, written so a new hire can follow it.',
      `title: ${q(title)}`,
      '# One sentence: what the page is for.',
      'description: "TODO: what this page is for, in one sentence."',
      `# The team that keeps the page true (ids: ${ids(existing.teams)}).`,
      `owner: ${a.owner}`,
      '# When the owner last confirmed the page is accurate; the page is stale after lastReviewed + reviewEvery.',
      `lastReviewed: ${isoDate(now)}`,
      'reviewEvery: 180d',
      '# Position in the handbook navigation (ascending).',
      '# order: 10',
      '# draft pages are never published; remove this line (or set published) when the page is ready.',
      'status: draft',
      '# internal (default) or public.',
      'visibility: internal',
    ]) +
    `
TODO: the process, step by step: who does what, when, and where to find help.
`
  );
}
