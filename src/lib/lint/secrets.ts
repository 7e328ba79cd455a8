/**
 * Secret and personal-data scan. Every line of every entry (frontmatter, body and code blocks:
 * pasted logs are where secrets hide) is searched for credentials of well-known shapes, private
 * key blocks and passwords inside URLs. Postmortems marked `visibility: public` are also searched
 * for e-mail addresses and phone numbers. Messages show a masked form, never the whole value.
 *
 * Level: `lint.secrets` in almanac.yaml (`error` by default; `warn` or `off`). Opt out per line
 * with `# almanac-disable-line secrets` (YAML) or `{/* almanac-disable-line secrets *\/}` (MDX),
 * e.g. for a documented fake key.
 */
import type { ParsedFile } from '../content/files.ts';
import { formatFieldPath, type Problem, type ProblemLevel } from '../problems.ts';
import type { EntryRule, RuleContext } from '../validate.ts';
import { fieldOfLine, fileLines, isDisabled, lineLocator, problemLevel, scalarFields } from './source.ts';

export const SECRETS_RULE = 'secrets';

/** A kind of secret and how to recognise it; `group` is the capture holding the secret itself. */
export interface SecretShape {
  id: string;
  label: string;
  pattern: RegExp;
  group?: number;
  /** Extra check on the captured value (e.g. entropy) before it counts. */
  accept?: (value: string) => boolean;
}

/** Shannon entropy in bits per character. */
export function entropy(value: string): number {
  if (!value) return 0;
  const counts = new Map<string, number>();
  for (const char of value) counts.set(char, (counts.get(char) ?? 0) + 1);
  let bits = 0;
  for (const count of counts.values()) {
    const p = count / value.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

const PLACEHOLDER = /^(?:x+|\*+|\.+|<[^>]*>|\$\{[^}]*\}|\{\{[^}]*\}\}|%[A-Z_]+%|\$[A-Z_]+|redacted|changeme|password|secret|example|dummy|placeholder|your[-_a-z]*)$/i;

export const SECRET_SHAPES: readonly SecretShape[] = [
  { id: 'private-key', label: 'a private key block', pattern: /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----/g },
  { id: 'aws-access-key', label: 'an AWS access key id', pattern: /\b((?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA|ANVA|AIPA)[A-Z0-9]{16})\b/g, group: 1 },
  { id: 'github-token', label: 'a GitHub token', pattern: /\b((?:gh[pousr]_[A-Za-z0-9]{36,255})|(?:github_pat_[A-Za-z0-9_]{22,255}))\b/g, group: 1 },
  { id: 'slack-token', label: 'a Slack token', pattern: /\b(xox[abposre]-[A-Za-z0-9-]{10,})\b/g, group: 1 },
  { id: 'slack-webhook', label: 'a Slack webhook URL', pattern: /(https:\/\/hooks\.slack\.com\/services\/[A-Za-z0-9/_-]{20,})/g, group: 1 },
  { id: 'stripe-key', label: 'a Stripe live key', pattern: /\b((?:sk|rk)_live_[A-Za-z0-9]{16,})\b/g, group: 1 },
  { id: 'google-api-key', label: 'a Google API key', pattern: /\b(AIza[0-9A-Za-z_-]{35})(?![0-9A-Za-z_-])/g, group: 1 },
  { id: 'jwt', label: 'a JSON Web Token', pattern: /\b(eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,})/g, group: 1 },
  {
    id: 'url-password',
    label: 'a password in a URL',
    pattern: /\b[a-z][a-z0-9+.-]*:\/\/[^\s/:@"'`<>]+:([^\s/@"'`<>]+)@[^\s/"'`<>]+/gi,
    group: 1,
    accept: (value) => !PLACEHOLDER.test(value),
  },
  {
    id: 'generic-secret',
    label: 'a credential assignment',
    pattern:
      /\b(?:api[_-]?key|apikey|api[_-]?secret|secret[_-]?key|client[_-]?secret|access[_-]?token|auth[_-]?token|secret|token|password|passwd)["']?\s*[:=]\s*["']?([A-Za-z0-9/+_=.~-]{16,})/gi,
    group: 1,
    accept: (value) => !PLACEHOLDER.test(value) && entropy(value) >= 3.5 && /\d/.test(value) && /[A-Za-z]/.test(value),
  },
];

/** Personal data reported only in public postmortems. */
export const PERSONAL_DATA_SHAPES: readonly SecretShape[] = [
  { id: 'email', label: 'an e-mail address', pattern: /(?<![\w.+-])([A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,})(?![\w-])/g, group: 1 },
  {
    id: 'phone',
    label: 'a phone number',
    // +44 20 7946 0958, +1 (415) 555-0142, 020 7946 0958, (415) 555-0142, 415-555-0142
    pattern: /(?<![\w+.\-/:])((?:\+\d{1,3}[ .-]?)?(?:\(\d{1,5}\)[ .-]?)?\d{2,5}(?:[ .-]\d{2,5}){1,4})(?![\w\-/:]|\.\d)/g,
    group: 1,
    accept: (value) => {
      const digits = value.replace(/\D/g, '');
      if (digits.length < 9 || digits.length > 15) return false;
      // Dates, times and version numbers are not phone numbers.
      if (/^\d{4}-\d{2}-\d{2}/.test(value) || /^\d+\.\d+\.\d+/.test(value)) return false;
      return value.startsWith('+') || value.startsWith('(') || value.startsWith('0') || /^\d{3}[ .-]\d{3}[ .-]\d{4}$/.test(value);
    },
  },
];

/** A masked form that shows enough to find the value but not enough to use it. */
export function mask(value: string, kind?: string): string {
  if (kind === 'email') {
    const [local, domain] = value.split('@');
    return `${local.slice(0, 1)}***@${domain}`;
  }
  if (kind === 'phone') return `${value.replace(/\d(?=(?:\D*\d){2})/g, '•')}`;
  if (kind === 'private-key') return value;
  // Tokens with a well-known prefix show the prefix (it says what kind of key it is); passwords
  // and other values show at most two characters.
  const prefixed = kind !== undefined && kind !== 'url-password' && kind !== 'generic-secret';
  const visible = prefixed && value.length >= 12 ? 4 : Math.min(2, Math.floor(value.length / 4));
  return `${value.slice(0, visible)}${'*'.repeat(Math.min(8, Math.max(4, value.length - visible)))} (${value.length} characters)`;
}

/** One secret or piece of personal data found on a line. */
export interface SecretMatch {
  shape: SecretShape;
  /** Zero-based column of the secret in the line. */
  index: number;
  value: string;
}

/** Every match of `shapes` in a text; overlapping matches are reported once. */
export function findSecrets(text: string, shapes: readonly SecretShape[] = SECRET_SHAPES): SecretMatch[] {
  const found: SecretMatch[] = [];
  const spans: [number, number][] = [];
  for (const shape of shapes) {
    for (const match of text.matchAll(shape.pattern)) {
      const value = shape.group ? match[shape.group] : match[0];
      if (value === undefined) continue;
      if (shape.accept && !shape.accept(value)) continue;
      const start = match.index;
      const end = start + match[0].length;
      if (spans.some(([s, e]) => start < e && s < end)) continue;
      spans.push([start, end]);
      found.push({ shape, index: start + (shape.group ? match[0].indexOf(value) : 0), value });
    }
  }
  return found.sort((a, b) => a.index - b.index);
}

function secretMessage(match: SecretMatch, personal: boolean): string {
  const shown = mask(match.value, match.shape.id);
  if (personal) {
    return `contains ${match.shape.label} (${shown}) in a public postmortem; remove it or describe the person's role instead (e.g. "a customer", "the on-call engineer")`;
  }
  if (match.shape.id === 'private-key') {
    return `contains ${match.shape.label}; remove it from the file and rotate the key, since it is now in the repository history`;
  }
  return `contains ${match.shape.label} (${shown}); remove it, rotate the credential, and refer to it by name instead (e.g. "the payments API key")`;
}

/** Scans one file; `personalData` adds e-mail and phone detection (public postmortems). */
export function scanFile(parsed: ParsedFile, options: { level?: ProblemLevel; personalData?: boolean } = {}): Problem[] {
  const level = options.level ?? 'error';
  const lines = fileLines(parsed);
  const fields = scalarFields(parsed);
  const isYamlFile = parsed.source.extension === '.yaml' || parsed.source.extension === '.yml';
  const shapes = options.personalData ? [...SECRET_SHAPES, ...PERSONAL_DATA_SHAPES] : SECRET_SHAPES;
  const problems: Problem[] = [];
  const locate = lineLocator(parsed.text);
  for (const match of findSecrets(parsed.text, shapes)) {
    const { line, column } = locate(match.index);
    const inBody = !isYamlFile && line >= parsed.bodyLine;
    const path = inBody ? undefined : fieldOfLine(fields, line);
    const anchor = fields.find((field) => path && field.path === path)?.keyLine ?? line;
    if (isDisabled(lines, SECRETS_RULE, line, anchor)) continue;
    const personal = PERSONAL_DATA_SHAPES.includes(match.shape);
    problems.push({
      level,
      file: parsed.source.file,
      field: inBody ? 'body' : path ? formatFieldPath(path) : '',
      line,
      column,
      rule: SECRETS_RULE,
      message: secretMessage(match, personal),
    });
  }
  return problems;
}

/**
 * The rule at the level `lint.secrets` sets. It reads every parsed file, including files with
 * schema errors, so a pasted key is reported in the same run as the file's other problems.
 * Personal data is looked for in postmortems marked `visibility: public`.
 */
function secretsOverFiles({ config, parsed }: RuleContext): Problem[] {
  const level = problemLevel(config.lint.secrets);
  if (!level) return [];
  return [...parsed.values()].flatMap((file) => {
    const data = file.data as { visibility?: unknown } | undefined;
    const personalData = file.source.collection === 'postmortems' && data?.visibility === 'public';
    return scanFile(file, { level, personalData });
  });
}

/** Its findings for a file depend only on that file and the configuration: cached per file. */
export const secretsRule: EntryRule = Object.assign(secretsOverFiles, { fileLocal: true });
