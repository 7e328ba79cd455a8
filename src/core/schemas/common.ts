/**
 * Schema fragments shared by every collection: ids and references, datetimes with offsets,
 * dates, durations, URLs and visibility. Messages say what is wrong and what would be valid.
 */
import { z } from 'astro/zod';
import { explainCadenceStep, explainDate, explainDateTime, explainDuration } from '../time.ts';
import { ID_PATTERN, didYouMean } from '../ids.ts';

/** The collections of the content model, in the order they are listed and loaded. */
export const COLLECTIONS = ['teams', 'services', 'slos', 'postmortems', 'releases', 'prds', 'handbook'] as const;
export type CollectionName = (typeof COLLECTIONS)[number];

/** A reference to another entry, by id. Resolution is checked in the cross-entry pass. */
export const reference = (collection: CollectionName) =>
  z
    .string({ error: `must be the id of an entry in ${collection}` })
    .regex(ID_PATTERN, { error: `must be the id of an entry in ${collection} (lowercase a-z0-9-, starting with a letter)` });

/** An ISO 8601 datetime with an explicit offset, kept as written. */
export const dateTime = z.string({ error: 'must be an ISO 8601 datetime with an offset, e.g. "2026-03-02T09:14:00Z"' }).check((ctx) => {
  const problem = explainDateTime(ctx.value);
  if (problem) ctx.issues.push({ code: 'custom', message: problem, input: ctx.value });
});

/** A calendar date `YYYY-MM-DD`, kept as written. */
export const date = z.string({ error: 'must be a date written YYYY-MM-DD, e.g. "2026-03-02"' }).check((ctx) => {
  const problem = explainDate(ctx.value);
  if (problem) ctx.issues.push({ code: 'custom', message: problem, input: ctx.value });
});

/** A duration `<number><unit>`, unit m (minutes), h, d or w. */
export const duration = z.string({ error: 'must be a duration such as "30d", "4h", "2w" or "90m"' }).check((ctx) => {
  const problem = explainDuration(ctx.value);
  if (problem) ctx.issues.push({ code: 'custom', message: problem, input: ctx.value });
});

/** The interval of a calendar cadence: a duration in whole days or weeks. */
export const cadenceStep = z.string({ error: 'must be a duration in whole days or weeks, such as "14d" or "2w"' }).check((ctx) => {
  const problem = explainCadenceStep(ctx.value);
  if (problem) ctx.issues.push({ code: 'custom', message: problem, input: ctx.value });
});

/** An absolute `http:` or `https:` URL. Other schemes (`javascript:`, `data:`) are rejected. */
export const httpUrl = z.string({ error: 'must be an absolute http(s) URL, e.g. "https://example.com/runbook"' }).check((ctx) => {
  let ok: boolean;
  try {
    const url = new URL(ctx.value);
    ok = (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    ok = false;
  }
  if (!ok) {
    ctx.issues.push({
      code: 'custom',
      input: ctx.value,
      message: `"${ctx.value}" is not an http(s) URL; only absolute http:// or https:// links are published (e.g. "https://example.com/runbook")`,
    });
  }
});

/** `internal` (default) is seen only by the internal build; `public` also by the public one. */
export const visibility = z.enum(['internal', 'public'], { error: 'must be "internal" or "public"' }).default('internal');

/** A non-empty string (whitespace alone does not count). */
export const text = (what = 'text') =>
  z
    .string({ error: `must be ${what}` })
    .trim()
    .min(1, { error: `must not be empty; write ${what}` });

/** A list of non-empty strings. */
export const textList = (what = 'text') => z.array(text(what), { error: `must be a list of ${what}` });

/** One of a fixed list of values; the error lists them and suggests the closest. */
export function oneOf<const T extends readonly [string, ...string[]]>(values: T, what: string) {
  return z.enum(values, {
    error: (issue) =>
      issue.input === undefined
        ? `is required: ${what}, one of ${values.join(', ')}`
        : `"${String(issue.input)}" is not a valid ${what}; use one of ${values.join(', ')}.${didYouMean(String(issue.input), values)}`,
  });
}

/** Like `oneOf`, for a list that comes from the site configuration. */
export function configuredValue(values: readonly string[], what: string, configKey: string) {
  return z.string({ error: `must be a ${what}` }).check((ctx) => {
    if (!values.includes(ctx.value)) {
      ctx.issues.push({
        code: 'custom',
        input: ctx.value,
        message: `"${ctx.value}" is not a configured ${what}; use one of ${values.join(', ')} (site configuration: ${configKey}).${didYouMean(ctx.value, values)}`,
      });
    }
  });
}

/** One reference an entry makes: where it stands, which collection it targets, which id. */
export interface ReferenceUse {
  path: (string | number)[];
  collection: CollectionName;
  id: string;
}

/** Collects the references of a list field (`services: [a, b]`) into `ReferenceUse`s. */
export function listReferences(field: string, collection: CollectionName, ids: readonly string[] | undefined): ReferenceUse[] {
  return (Array.isArray(ids) ? ids : []).map((id, index) => ({ path: [field, index], collection, id }));
}

/**
 * Cross-field rules (timeline order, published requirements, gates, SLA below SLO) run even when
 * another field of the entry is invalid, so one run reports every problem of a file. They then
 * see a partly parsed value, so they read it through the guards below.
 */
export const EVEN_WHEN_INVALID = { when: () => true } as const;

/** The items of a list field, or none when the field is absent or not a list. */
export function itemsOf<T>(value: readonly T[] | undefined): T[] {
  return Array.isArray(value) ? (value.filter((item) => item !== null && typeof item === 'object') as T[]) : [];
}

/** True when a list field is absent or an empty list (not when it holds a wrong type). */
export function isMissingList(value: unknown): boolean {
  return value === undefined || (Array.isArray(value) && value.length === 0);
}
