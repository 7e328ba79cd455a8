/**
 * Output formats of `npm run check` (pure: problems in, text out).
 * - `human`: problems grouped by file, `line:column  level  field  message  [rule]`, then a
 *   summary; ANSI colours only when asked (the caller decides: a terminal without NO_COLOR).
 * - `github`: one workflow command per problem, `::error file=…,line=…,col=…,title=…::message`
 *   (or `::warning`), so a pull request shows each problem on its line. Values are escaped as
 *   GitHub's runner expects: `%`, CR and LF in the message; additionally `:` and `,` in properties.
 * - `json`: `{ ok, errorCount, warningCount, problems: [...] }`, stable for other tools.
 */
import type { Problem } from '../core/problems.ts';

export const REPORT_FORMATS = ['human', 'github', 'json'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface Counts {
  errors: number;
  warnings: number;
  files: number;
}

export function countProblems(problems: readonly Problem[]): Counts {
  return {
    errors: problems.filter((p) => p.level === 'error').length,
    warnings: problems.filter((p) => p.level === 'warning').length,
    files: new Set(problems.map((p) => p.file)).size,
  };
}

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

// ── GitHub workflow commands ───────────────────────────────────────────────────────────────

/** Escapes the message part of a workflow command (`%`, `\r`, `\n`). */
export function escapeData(value: string): string {
  return value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escapes a property value of a workflow command (`%`, `\r`, `\n`, `:` and `,`). */
export function escapeProperty(value: string): string {
  return escapeData(value).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** One `::error …::…` or `::warning …::…` line. */
export function githubAnnotation(problem: Problem): string {
  const properties: string[] = [`file=${escapeProperty(problem.file)}`];
  if (problem.line) properties.push(`line=${problem.line}`);
  if (problem.line && problem.column) properties.push(`col=${problem.column}`);
  const title = problem.field ? `${problem.field} (${problem.rule})` : problem.rule;
  properties.push(`title=${escapeProperty(title)}`);
  const message = problem.field ? `${problem.field}: ${problem.message}` : problem.message;
  return `::${problem.level === 'error' ? 'error' : 'warning'} ${properties.join(',')}::${escapeData(message)}`;
}

export function formatGithub(problems: readonly Problem[]): string {
  const lines = problems.map(githubAnnotation);
  const counts = countProblems(problems);
  lines.push(`Almanac check: ${plural(counts.errors, 'error')}, ${plural(counts.warnings, 'warning')}`);
  return lines.join('\n') + '\n';
}

// ── JSON ───────────────────────────────────────────────────────────────────────────────────

export function formatJson(problems: readonly Problem[]): string {
  const counts = countProblems(problems);
  const report = {
    ok: counts.errors === 0,
    errorCount: counts.errors,
    warningCount: counts.warnings,
    problems: problems.map((p) => ({
      level: p.level,
      file: p.file,
      line: p.line ?? null,
      column: p.column ?? null,
      field: p.field,
      rule: p.rule,
      message: p.message,
    })),
  };
  return JSON.stringify(report, null, 2) + '\n';
}

// ── Human ──────────────────────────────────────────────────────────────────────────────────

const ANSI = {
  red: '\u001b[31m',
  yellow: '\u001b[33m',
  dim: '\u001b[2m',
  bold: '\u001b[1m',
  underline: '\u001b[4m',
  green: '\u001b[32m',
  reset: '\u001b[0m',
};

export interface HumanOptions {
  /** Use ANSI colours (only on a terminal, and not when NO_COLOR is set). */
  color?: boolean;
  /** How many files were checked, for the summary line. */
  checkedFiles?: number;
}

/** Whether to colour output written to `stream` given the environment. */
export function shouldColor(stream: { isTTY?: boolean }, env: Record<string, string | undefined>): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== '') return true;
  return Boolean(stream.isTTY) && env.TERM !== 'dumb';
}

export function formatHuman(problems: readonly Problem[], options: HumanOptions = {}): string {
  const paint = (code: keyof typeof ANSI, text: string) => (options.color ? `${ANSI[code]}${text}${ANSI.reset}` : text);
  const byFile = new Map<string, Problem[]>();
  for (const problem of problems) byFile.set(problem.file, [...(byFile.get(problem.file) ?? []), problem]);
  const out: string[] = [];
  for (const [file, list] of byFile) {
    out.push(paint('underline', file));
    const width = Math.max(...list.map((p) => location(p).length));
    for (const problem of list) {
      const level = problem.level === 'error' ? paint('red', 'error  ') : paint('yellow', 'warning');
      const field = problem.field ? `${paint('bold', problem.field)}: ` : '';
      out.push(
        `  ${paint('dim', location(problem).padEnd(width))}  ${level}  ${field}${problem.message}  ${paint('dim', `[${problem.rule}]`)}`,
      );
    }
    out.push('');
  }
  const counts = countProblems(problems);
  const checked = options.checkedFiles !== undefined ? ` in ${plural(options.checkedFiles, 'file')} checked` : '';
  if (counts.errors === 0 && counts.warnings === 0) {
    out.push(paint('green', `✔ No problems${checked}.`));
  } else {
    const summary = `${counts.errors ? '✖' : '⚠'} ${plural(counts.errors, 'error')}, ${plural(counts.warnings, 'warning')} in ${plural(counts.files, 'file')}${checked ? ` (${options.checkedFiles} checked)` : ''}`;
    out.push(paint(counts.errors ? 'red' : 'yellow', summary));
  }
  return out.join('\n') + '\n';
}

function location(problem: Problem): string {
  if (!problem.line) return '-';
  return problem.column ? `${problem.line}:${problem.column}` : `${problem.line}`;
}

/** Formats problems in one of the report formats. */
export function formatReport(format: ReportFormat, problems: readonly Problem[], options: HumanOptions = {}): string {
  if (format === 'github') return formatGithub(problems);
  if (format === 'json') return formatJson(problems);
  return formatHuman(problems, options);
}
