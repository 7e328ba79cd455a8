/** Turns zod issues into problems that name the field, what is wrong and what would be valid. */
import type { z } from 'astro/zod';
import { didYouMean } from '../core/ids.ts';
import { formatFieldPath, type PathSegment, type Problem } from '../core/problems.ts';
import { lineOf, type ParsedFile } from './files.ts';

type Issue = z.core.$ZodIssue & { input?: unknown };

/** The field names an object schema accepts at `path`, for unknown-field messages. */
export function knownFieldsAt(schema: z.ZodType, path: readonly PathSegment[]): string[] {
  let current: any = schema;
  const unwrap = () => {
    for (let guard = 0; guard < 20 && current; guard++) {
      const def = current._zod?.def;
      if (!def) return;
      if (['optional', 'default', 'prefault', 'nullable', 'readonly', 'catch'].includes(def.type)) current = def.innerType;
      else if (def.type === 'pipe') current = def.in;
      else return;
    }
  };
  unwrap();
  for (const segment of path) {
    const def = current?._zod?.def;
    if (!def) return [];
    if (def.type === 'object' && typeof segment === 'string') current = def.shape[segment];
    else if (def.type === 'array') current = def.element;
    else return [];
    unwrap();
  }
  const def = current?._zod?.def;
  return def?.type === 'object' ? Object.keys(def.shape) : [];
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return `the text "${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
  return `${typeof value} ${String(value)}`;
}

export function issuesToProblems(issues: readonly Issue[], parsed: ParsedFile, schema: z.ZodType, rule = 'schema'): Problem[] {
  const problems: Problem[] = [];
  const at = (path: readonly PathSegment[], message: string) => {
    problems.push({ level: 'error', file: parsed.source.file, field: formatFieldPath(path), line: lineOf(parsed, path), message, rule });
  };
  for (const issue of issues) {
    const path = issue.path as PathSegment[];
    if (issue.code === 'unrecognized_keys') {
      const known = knownFieldsAt(schema, path);
      for (const key of issue.keys) {
        at([...path, key], `is not a field of this entry.${didYouMean(key, known)} Valid fields here: ${known.join(', ')}`);
      }
    } else if (issue.code === 'invalid_type' && issue.input === undefined) {
      const message = issue.message.startsWith('Invalid input')
        ? `expected ${issue.expected}`
        : issue.message.replace(/^is required: /, '');
      at(path, `is required: ${message}`);
    } else if (issue.code === 'invalid_type' && typeof issue.input === 'number' && !Number.isFinite(issue.input)) {
      // YAML reads 1e999 as infinity (and .nan as NaN): say so rather than "number; expected number".
      at(
        path,
        `is ${issue.input}, not a finite number (YAML reads .inf, .nan and numbers too large to store, such as 1e999, this way); write a plain number`,
      );
    } else if (issue.code === 'invalid_type' && issue.message.startsWith('Invalid input')) {
      at(path, `is ${describe(issue.input)}; expected ${issue.expected}`);
    } else if (issue.code === 'invalid_type' || issue.code === 'invalid_union') {
      at(path, issue.input === undefined ? `is required: ${issue.message}` : `is ${describe(issue.input)}; it ${issue.message}`);
    } else {
      at(path, issue.message);
    }
  }
  return problems;
}
