/**
 * Tiny content folders for unit tests: a temporary project root holding `content/` with the
 * files given, plus a minimal valid handbook to reference (teams, services, an SLO).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after } from 'node:test';
import { validateContent, type EntryRule, type ValidateOptions, type ValidationResult } from '../../../src/validation/validate.ts';
import type { Problem } from '../../../src/core/problems.ts';

export const AS_OF = Date.parse('2026-11-28T12:00:00Z');

/** A minimal valid set of entries that other fixtures reference. */
export const BASE_FILES: Record<string, string> = {
  'teams/checkout.yaml': 'name: Checkout\n',
  'teams/platform.yaml': 'name: Platform\n',
  'services/checkout-api.yaml': 'name: Checkout API\nteam: checkout\ntier: 1\n',
  'services/payments.yaml': 'name: Payments\nteam: checkout\ntier: 1\n',
  'slos/checkout-availability.mdx': [
    '---',
    'title: Checkout availability',
    'service: checkout-api',
    'sli:',
    '  kind: availability',
    '  description: Successful checkouts',
    'objective: 99.9',
    'window: 30d',
    '---',
    '',
    'Why.',
    '',
  ].join('\n'),
};

export interface Folder {
  /** The temporary project root (file paths in problems are relative to it). */
  root: string;
  /** `<root>/content`. */
  contentDir: string;
  write(path: string, text: string): void;
  validate(entryRules?: EntryRule[], options?: Pick<ValidateOptions, 'audience'>): ValidationResult;
}

const folders: string[] = [];
after(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

/** A temporary content folder with `files` (paths inside content/), plus BASE_FILES unless `base: false`. */
export function contentFolder(files: Record<string, string>, options: { base?: boolean } = {}): Folder {
  const root = mkdtempSync(join(tmpdir(), 'almanac-test-'));
  folders.push(root);
  const contentDir = join(root, 'content');
  const write = (path: string, text: string) => {
    const target = join(contentDir, path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, text);
  };
  for (const [path, text] of Object.entries({ ...(options.base === false ? {} : BASE_FILES), ...files })) write(path, text);
  mkdirSync(contentDir, { recursive: true });
  return { root, contentDir, write, validate: (entryRules, options) => validateContent({ contentDir, root, entryRules, ...options }) };
}

/** `---\n<yaml>\n---\n\n<body>\n`. */
export function mdx(yaml: string, body = 'Body text.'): string {
  return `---\n${yaml.replace(/^\n+|\n+$/g, '')}\n---\n\n${body}\n`;
}

/** A valid published postmortem's frontmatter; `extra` lines are appended, `replace` swaps keys. */
export function postmortemYaml(overrides: Record<string, string> = {}): string {
  const fields: Record<string, string> = {
    title: 'title: Checkout errors',
    summary: 'summary: Checkout returned errors for some customers.',
    severity: 'severity: SEV2',
    status: 'status: published',
    services: 'services:\n  - checkout-api',
    authors: 'authors:\n  - Ada Lovelace',
    timeline: [
      'timeline:',
      '  started: 2026-11-01T10:00:00Z',
      '  detected: 2026-11-01T10:05:00Z',
      '  mitigated: 2026-11-01T10:30:00Z',
      '  resolved: 2026-11-01T11:00:00Z',
    ].join('\n'),
    contributingFactors: 'contributingFactors:\n  - category: change\n    description: A configuration change reduced the pool size.',
    actionItems: [
      'actionItems:',
      '  - title: Alert on pool saturation',
      '    type: detect',
      '    owner: checkout',
      '    due: 2026-11-20',
      '    status: open',
      '    priority: P1',
    ].join('\n'),
    reviewers: 'reviewers:\n  - Grace Hopper',
    reviewedAt: 'reviewedAt: 2026-11-05',
    ...overrides,
  };
  return Object.values(fields).filter(Boolean).join('\n');
}

/** The problems of one file, or of one rule. */
export function problemsOf(result: ValidationResult, filter: { file?: string; rule?: string; level?: Problem['level'] }): Problem[] {
  return result.problems.filter(
    (p) =>
      (!filter.file || p.file === filter.file) && (!filter.rule || p.rule === filter.rule) && (!filter.level || p.level === filter.level),
  );
}

/** 1-based line of the first line of `text` containing `needle`. */
export function lineContaining(text: string, needle: string, from = 1): number {
  const lines = text.split('\n');
  for (let i = from - 1; i < lines.length; i++) if (lines[i].includes(needle)) return i + 1;
  throw new Error(`"${needle}" not found`);
}
