/**
 * Shared plumbing of the text lints (blameless language, secrets): the string fields of a file's
 * YAML with their lines, the prose lines of an MDX body (code blocks and inline code left out),
 * and the per-line opt-out comments.
 *
 * Opt-out comments name the lints they silence (or all of them when none is named):
 * - MDX body: `{/* almanac-disable-line blameless *\/}` at the end of the line, or
 *   `{/* almanac-disable-next-line blameless *\/}` on the line before.
 * - YAML (frontmatter or `.yaml` file): `# almanac-disable-line secrets` at the end of the field's
 *   line, or `# almanac-disable-next-line secrets` on the line before the field.
 */
import { isMap, isScalar, isSeq, type Node } from 'yaml';
import type { ParsedFile } from '../files.ts';
import type { PathSegment, ProblemLevel } from '../../core/problems.ts';
import type { PolicyLevel } from '../../core/schemas/config.ts';

/** A string value of the YAML with the file lines it spans. */
export interface ScalarField {
  path: PathSegment[];
  value: string;
  /** 1-based file line where the field starts (its key for a mapping value). */
  keyLine: number;
  /** 1-based file lines of the value itself. */
  startLine: number;
  endLine: number;
}

/** The lines of a file, 1-based access through `lines[line - 1]`. */
export function fileLines(parsed: ParsedFile): string[] {
  return parsed.text.split(/\r?\n/);
}

function lineAt(parsed: ParsedFile, offset: number): number {
  return parsed.lineCounter.linePos(offset).line + parsed.yamlLine - 1;
}

/** Every string scalar of the YAML document (values, not keys), depth first, in file order. */
export function scalarFields(parsed: ParsedFile): ScalarField[] {
  const fields: ScalarField[] = [];
  const visit = (node: unknown, path: PathSegment[], keyLine: number | undefined) => {
    if (isMap(node)) {
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
        if (key === undefined) continue;
        const keyOffset = (pair.key as Node).range?.[0];
        visit(pair.value, [...path, key], keyOffset === undefined ? undefined : lineAt(parsed, keyOffset));
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, index) => visit(item, [...path, index], undefined));
    } else if (isScalar(node) && typeof node.value === 'string' && node.range) {
      const startLine = lineAt(parsed, node.range[0]);
      // range[1] is the end of the value; a block scalar's value ends on the line after its text.
      const endLine = Math.max(startLine, lineAt(parsed, Math.max(node.range[0], node.range[1] - 1)));
      fields.push({ path, value: node.value, keyLine: keyLine ?? startLine, startLine, endLine });
    }
  };
  visit(parsed.document.contents, [], undefined);
  return fields;
}

/** Whether `path` matches `pattern`, where `*` matches any one segment. */
export function matchesPath(path: readonly PathSegment[], pattern: readonly PathSegment[]): boolean {
  return path.length === pattern.length && pattern.every((segment, index) => segment === '*' || segment === path[index]);
}

/** The field path of the YAML value standing on a file line, or undefined when none does. */
export function fieldOfLine(fields: readonly ScalarField[], line: number): PathSegment[] | undefined {
  let best: ScalarField | undefined;
  for (const field of fields) {
    if ((field.startLine <= line && line <= field.endLine) || field.keyLine === line) {
      if (!best || field.path.length >= best.path.length) best = field;
    }
  }
  return best?.path;
}

const DIRECTIVE = /almanac-disable-(next-line|line)\b([^\n]*)/g;

/** The lints a line's comment disables: a set of names, or `all`. */
function disabledBy(line: string | undefined, kind: 'line' | 'next-line'): Set<string> | 'all' | undefined {
  if (!line) return undefined;
  let result: Set<string> | 'all' | undefined;
  for (const match of line.matchAll(DIRECTIVE)) {
    if (match[1] !== kind) continue;
    const names = match[2]
      .replace(/\*\/.*$/, '')
      .split(/[\s,]+/)
      .filter((name) => /^[a-z][a-z-]*$/.test(name));
    if (names.length === 0) return 'all';
    result = result === 'all' ? result : new Set([...(result ?? []), ...names]);
  }
  return result;
}

/**
 * Whether lint `rule` is switched off for a finding on `line` (1-based), by a
 * `almanac-disable-line` comment on that line or on `anchorLine` (a field's key line), or a
 * `almanac-disable-next-line` comment on the line before either.
 */
export function isDisabled(lines: readonly string[], rule: string, line: number, anchorLine = line): boolean {
  const check = (at: number, kind: 'line' | 'next-line') => {
    const disabled = disabledBy(lines[at - 1], kind);
    return disabled === 'all' || Boolean(disabled?.has(rule));
  };
  for (const at of new Set([line, anchorLine])) {
    if (check(at, 'line') || check(at - 1, 'next-line')) return true;
  }
  return false;
}

/** A prose line of an MDX/Markdown body, with code and comments blanked out (columns kept). */
export interface ProseLine {
  /** 1-based file line. */
  line: number;
  text: string;
}

/**
 * The body's lines as prose: fenced code blocks (``` and ~~~) are skipped, inline code spans,
 * MDX comments and HTML comments are replaced by spaces so columns still match the file.
 */
export function proseLines(parsed: ParsedFile): ProseLine[] {
  const result: ProseLine[] = [];
  if (!parsed.body) return result;
  const lines = parsed.body.split(/\r?\n/);
  let fence: string | undefined;
  let inComment = false;
  lines.forEach((raw, index) => {
    const line = parsed.bodyLine + index;
    const fenceMatch = /^\s{0,3}(`{3,}|~{3,})/.exec(raw);
    if (fence) {
      if (fenceMatch && fenceMatch[1][0] === fence[0] && fenceMatch[1].length >= fence.length && raw.trim() === fenceMatch[1])
        fence = undefined;
      return;
    }
    if (fenceMatch) {
      fence = fenceMatch[1];
      return;
    }
    let text = raw;
    if (inComment) {
      const end = text.search(/\*\/\s*\}|-->/);
      if (end < 0) return;
      text = ' '.repeat(end + 2) + text.slice(end + 2);
      inComment = false;
    }
    text = text
      .replace(/(`+)(.+?)\1/g, (match) => ' '.repeat(match.length))
      .replace(/\{\/\*[\s\S]*?\*\/\}/g, (match) => ' '.repeat(match.length))
      .replace(/<!--[\s\S]*?-->/g, (match) => ' '.repeat(match.length));
    const open = text.search(/\{\/\*|<!--/);
    if (open >= 0) {
      text = text.slice(0, open) + ' '.repeat(text.length - open);
      inComment = true;
    }
    result.push({ line, text });
  });
  return result;
}

/** A configured level (`error`/`warn`/`off`) as the level of its problems, or undefined when off. */
export function problemLevel(level: PolicyLevel): ProblemLevel | undefined {
  return level === 'off' ? undefined : level === 'error' ? 'error' : 'warning';
}

/**
 * Maps offsets in a text to 1-based lines and columns. Linting a whole text in one pass and
 * mapping the matches back is far cheaper than running every pattern once per line.
 */
export function lineLocator(text: string, firstLine = 1): (offset: number) => { line: number; column: number } {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return (offset) => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (starts[middle] <= offset) low = middle;
      else high = middle - 1;
    }
    return { line: firstLine + low, column: offset - starts[low] + 1 };
  };
}
