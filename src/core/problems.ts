/**
 * A problem found in the content: one validation error or warning, always naming the file
 * (relative to the project root), the field path, what is wrong and what would be valid.
 */

export type ProblemLevel = 'error' | 'warning';

export interface Problem {
  level: ProblemLevel;
  /** Path of the file relative to the project root, with `/` separators. */
  file: string;
  /** Field path such as `actionItems[2].owner`; empty for a whole-file problem. */
  field: string;
  /** What is wrong and what would be valid, as one sentence or two. */
  message: string;
  /** Stable name of the rule that found it (for opt-outs, tests and tooling). */
  rule: string;
  /** 1-based line in the file, when known. */
  line?: number;
  column?: number;
}

export type PathSegment = string | number;

/** `['actionItems', 2, 'owner']` → `actionItems[2].owner`. */
export function formatFieldPath(path: readonly PathSegment[]): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else text += text ? `.${segment}` : segment;
  }
  return text;
}

/** `file:line  field  message`, the one-line human form. */
export function formatProblem(problem: Problem): string {
  const where = problem.line ? `${problem.file}:${problem.line}` : problem.file;
  const field = problem.field ? ` ${problem.field}:` : '';
  return `${problem.level === 'error' ? 'error' : 'warning'} ${where}${field} ${problem.message} [${problem.rule}]`;
}

export function sortProblems(problems: Problem[]): Problem[] {
  return problems.sort((a, b) => a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0) || a.field.localeCompare(b.field));
}

/** Thrown by the build when the content has errors; carries every problem of the run. */
export class ContentValidationError extends Error {
  readonly problems: Problem[];
  constructor(problems: Problem[]) {
    const errors = problems.filter((p) => p.level === 'error');
    super(
      `Almanac found ${errors.length} content error${errors.length === 1 ? '' : 's'}:\n` +
        errors.map((p) => `  ${formatProblem(p)}`).join('\n'),
    );
    this.name = 'ContentValidationError';
    this.problems = problems;
  }
}

/** "3 errors and 1 warning in 2 files": the one-line summary under every problem list. */
export function problemSummary(problems: readonly Problem[]): string {
  const errors = problems.filter((problem) => problem.level === 'error').length;
  const warnings = problems.length - errors;
  const files = new Set(problems.map((problem) => problem.file)).size;
  const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;
  return `${plural(errors, 'error')} and ${plural(warnings, 'warning')} in ${plural(files, 'file')}`;
}
