/**
 * `almanac.yaml`, the site configuration at the root of the content folder. Every setting is
 * optional and has the default the content model names, so a folder without the file builds.
 */
import { z } from 'astro/zod';
import { cadenceStep, date, EVEN_WHEN_INVALID, httpUrl, itemsOf, text } from './common.ts';

const vocabularyId = z
  .string({ error: 'must be an identifier' })
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, { error: 'must be letters, digits, "-" or "_" (e.g. "SEV1", "data-quality")' });

/** A severity level: its id as authors write it, a label and what it means. */
const severityLevel = z.strictObject({
  /** The value authors write in `severity`, e.g. `SEV1`. */
  id: vocabularyId,
  /** Short label shown beside the id, e.g. "Critical". */
  label: text('a label'),
  /** When to declare this level. */
  description: text('a description').optional(),
});

/** A contributing-factor category. */
const factorCategory = z.strictObject({
  /** The value authors write in `contributingFactors[].category`. */
  id: vocabularyId,
  /** Human label, e.g. "Data quality". */
  label: text('a label').optional(),
  /** What belongs in this category, shown on insights and in the authoring guide. */
  description: text('a description').optional(),
});

/** A quality gate a release passes through. */
const qualityGate = z.strictObject({
  /** The value authors write in `gates[].gate`. */
  id: vocabularyId,
  /** Human label, e.g. "Security review". */
  label: text('a label').optional(),
  /** A shipped release must have every required gate passed or waived. */
  required: z.boolean({ error: 'must be true or false' }).default(false),
  /** What passing the gate means. */
  description: text('a description').optional(),
});

/** A repeating calendar: an anchor date and the interval between occurrences. */
const cadence = (defaults: { every: string; start: string }) =>
  z
    .strictObject({
      /** Interval between occurrences, a duration in whole days or weeks (e.g. `14d`, `2w`). */
      every: cadenceStep.default(defaults.every),
      /** An anchor date: occurrences fall every `every` before and after it (it is not the first one). */
      start: date.default(defaults.start),
    })
    .prefault({});

/** Level of a policy rule or lint: fail the build, warn, or skip it. */
export const policyLevel = z.enum(['error', 'warn', 'off'], { error: 'must be "error", "warn" or "off"' });

export const DEFAULT_SEVERITIES = [
  { id: 'SEV1', label: 'Critical', description: 'Customer-facing outage or data loss across a tier-1 service; all hands.' },
  { id: 'SEV2', label: 'Major', description: 'Significant degradation of a tier-1 service or outage of a tier-2 service.' },
  { id: 'SEV3', label: 'Minor', description: 'Partial degradation with a workaround, or an internal service outage.' },
  { id: 'SEV4', label: 'Low', description: 'Little or no customer impact; worth learning from.' },
];

export const DEFAULT_FACTOR_CATEGORIES = [
  'change',
  'dependency',
  'capacity',
  'configuration',
  'data-quality',
  'monitoring-gap',
  'process',
  'edge-case',
].map((id) => ({ id }));

export const DEFAULT_GATES = [
  { id: 'unit-tests', required: true },
  { id: 'integration-tests', required: true },
  { id: 'security-review', required: true },
];

export const siteConfigSchema = z
  .strictObject({
    /** The handbook's name, shown in the header, titles and cards. */
    name: text('the handbook name').default('Almanac'),
    /** One sentence shown on the home page and in metadata. */
    description: text('a description').default('Postmortems, SLOs, releases, PRDs and the processes behind them.'),
    /** Where the site is published, for canonical URLs, feeds, the sitemap and cards. */
    url: httpUrl.default('https://almanac.example.com'),
    /** Repository holding the content; enables "Edit this page" links. */
    repository: httpUrl.optional(),
    /** Branch the edit links open. */
    editBranch: text('a branch name').default('main'),
    /** Folder of the content inside the repository, for edit links. */
    contentPath: z.string().default('content'),
    /** Severity levels, most severe first. Default SEV1–SEV4. */
    severities: z.array(severityLevel).min(1, { error: 'needs at least one severity level' }).default(DEFAULT_SEVERITIES),
    /** Contributing-factor categories. */
    contributingFactorCategories: z
      .array(factorCategory)
      .min(1, { error: 'needs at least one category' })
      .default(DEFAULT_FACTOR_CATEGORIES),
    /** Quality gates; the required ones must pass (or be waived) before a release ships. */
    gates: z.array(qualityGate).min(1, { error: 'needs at least one gate' }).default(DEFAULT_GATES),
    /** Release trains depart on this cadence; trains are named `<YYYY-MM>-<letter>` by departure. */
    releaseTrains: cadence({ every: '14d', start: '2026-01-05' }),
    /** PRD review sessions happen on this cadence. */
    prdReviews: cadence({ every: '14d', start: '2026-01-08' }),
    /**
     * Postmortem review sessions happen on this cadence; an in-review postmortem without
     * `review.session` is booked into the next one on or after the as-of date.
     */
    postmortemReviews: cadence({ every: '7d', start: '2026-01-06' }),
    /** Numbers the budget, policy and recurrence rules compare against. */
    thresholds: z
      .strictObject({
        /** An SLO is at risk once this percentage of its error budget is consumed. */
        atRiskPercent: z.number().gt(0).lt(100).default(75),
        /** An incident that alone consumes more than this percentage of a budget is flagged. */
        incidentBudgetPercent: z.number().gt(0).lte(100).default(20),
        /** Incidents on the same service with the same factor category within this many days recur. */
        recurrenceDays: z.number().int().positive().default(90),
      })
      .prefault({}),
    /**
     * Authoring lints run by `npm run check` and the build over entry text. Each is a level:
     * `error` fails the check and the build, `warn` prints a warning, `off` skips the lint.
     */
    lint: z
      .strictObject({
        /** Blameless-language lint over postmortem prose (phrases such as "human error"). Default `warn`. */
        blameless: policyLevel.default('warn'),
        /** Secret scan of every entry, and e-mail/phone scan of public postmortems. Default `error`. */
        secrets: policyLevel.default('error'),
      })
      .prefault({}),
    /**
     * The process encoded as checks, each with a level (`error`, `warn` or `off`) evaluated
     * against the as-of date (`ALMANAC_NOW`, else today).
     */
    policies: z
      .strictObject({
        /** Postmortems of the two most severe configured levels (default SEV1, SEV2) are published within `days` of resolution. */
        publishWithinDays: z
          .strictObject({
            /** Level of the rule. Default `warn`. */
            level: policyLevel.default('warn'),
            /** Days from `timeline.resolved` to `reviewedAt` (or to the as-of date while unpublished). Default 14. */
            days: z
              .number({ error: 'must be a number of days, e.g. 14' })
              .int({ error: 'must be a whole number of days' })
              .positive({ error: 'must be at least 1 day' })
              .default(14),
          })
          .prefault({}),
        /**
         * An incident that alone consumed more than `thresholds.incidentBudgetPercent` of an SLO's
         * error budget needs a P0 action item of type prevent (checked from status in-review on). Default `warn`.
         */
        budgetNeedsP0: policyLevel.default('warn'),
        /** Action items are due within `p0Weeks` (P0) or `p1Weeks` (P1) of the review date (`reviewedAt`, else `timeline.resolved`). */
        actionItemDue: z
          .strictObject({
            /** Level of the rule. Default `warn`. */
            level: policyLevel.default('warn'),
            /** Weeks a P0 item may be due after the review. Default 4. */
            p0Weeks: z.number({ error: 'must be a number of weeks, e.g. 4' }).positive({ error: 'must be above 0' }).default(4),
            /** Weeks a P1 item may be due after the review. Default 8. */
            p1Weeks: z.number({ error: 'must be a number of weeks, e.g. 8' }).positive({ error: 'must be above 0' }).default(8),
          })
          .prefault({}),
        /** A handbook page past `lastReviewed + reviewEvery` is reported. Default `warn`. */
        staleHandbook: policyLevel.default('warn'),
        /** A PRD still in review after its booked `review.session` date is reported. Default `warn`. */
        prdPastSession: policyLevel.default('warn'),
        /**
         * Error-budget freeze: a shipped, in-progress or rolled-back release on a service with an SLO
         * whose budget was exhausted at the release date (00:00 UTC) must be a hotfix with `fixes`,
         * carry only fixed/security changes, or hold a `budgetException` valid on that date. Default `error`.
         */
        budgetFreeze: policyLevel.default('error'),
        /**
         * One contributing-factor category whose incidents consumed more than
         * `thresholds.incidentBudgetPercent` of an SLO's budget within a calendar quarter (UTC)
         * needs a P0 prevent action item due by the end of the next quarter. Default `warn`.
         */
        factorBudgetShare: policyLevel.default('warn'),
      })
      .prefault({}),
    /** What an MDX body may contain beyond Markdown and Almanac's components. */
    mdx: z
      .strictObject({
        /**
         * Allow `import`/`export`, `{expressions}` and expression props in bodies. They run at
         * build time with the build's environment, so this applies to the internal build only:
         * the public build never runs body code. Default `false`.
         */
        allowCode: z.boolean({ error: 'must be true or false' }).default(false),
      })
      .prefault({}),
    /** Settings of the public audience build (`ALMANAC_AUDIENCE=public`). */
    public: z
      .strictObject({
        /** Site name of the public build; defaults to `name`. */
        name: text('a site name').optional(),
        /** Base URL of the public build; defaults to `url`. */
        url: httpUrl.optional(),
        /** Public repository for "Edit this page" links; the public build shows none without it. */
        repository: httpUrl.optional(),
        /** Banner shown on every page of the public build. */
        banner: text('banner text').default(
          'These are the incident learnings we publish. Internal reviews and documents are not included.',
        ),
      })
      .prefault({}),
  })
  .superRefine((config, ctx) => {
    const unique = (key: 'severities' | 'contributingFactorCategories' | 'gates') => {
      const seen = new Set<string>();
      itemsOf(config[key]).forEach((item, index) => {
        if (seen.has(item.id))
          ctx.addIssue({ code: 'custom', path: [key, index, 'id'], message: `"${item.id}" is listed twice; each id must be unique` });
        seen.add(item.id);
      });
    };
    unique('severities');
    unique('contributingFactorCategories');
    unique('gates');
  }, EVEN_WHEN_INVALID);

export type PolicyLevel = z.output<typeof policyLevel>;
export type SiteConfigInput = z.input<typeof siteConfigSchema>;
export type SiteConfig = z.output<typeof siteConfigSchema>;

/** The value lists of the configuration that entry schemas validate against. */
export interface Vocabulary {
  severities: string[];
  factorCategories: string[];
  gates: string[];
  requiredGates: string[];
}

export function vocabularyOf(config: SiteConfig): Vocabulary {
  return {
    severities: config.severities.map((s) => s.id),
    factorCategories: config.contributingFactorCategories.map((c) => c.id),
    gates: config.gates.map((g) => g.id),
    requiredGates: config.gates.filter((g) => g.required).map((g) => g.id),
  };
}
