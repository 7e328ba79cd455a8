/**
 * Blameless-language lint: finds phrases in postmortem prose that blame people ("human error",
 * "should have", "forgot to", a person's name as the cause, …) and suggests a system-focused
 * phrasing. It reads the narrative (code blocks and inline code skipped) and the text fields
 * `title`, `summary`, `impact.summary`, `trigger`, `contributingFactors[].description`,
 * `lessons.*[]` and `actionItems[].title`.
 *
 * Level: `lint.blameless` in almanac.yaml (`warn` by default; `error` or `off`). Opt out per line
 * with `{/* almanac-disable-line blameless *\/}` in MDX or `# almanac-disable-line blameless` in
 * the frontmatter (see ./source.ts).
 */
import type { ParsedFile } from '../files.ts';
import { formatFieldPath, type PathSegment, type Problem } from '../../core/problems.ts';
import type { EntryRule, RuleContext } from '../validate.ts';
import { fileLines, isDisabled, lineLocator, matchesPath, problemLevel, proseLines, scalarFields } from './source.ts';

export const BLAMELESS_RULE = 'blameless';

/** A phrase family the lint reports, with why and what to write instead. */
export interface BlamePhrase {
  id: string;
  pattern: RegExp;
  /**
   * A quick test that every text the pattern matches in passes; the pattern runs only where it
   * does. For the patterns that start with a character class or run case-insensitively over
   * Unicode: V8 tries those at every position of the text, a literal it finds by skipping ahead.
   */
  hint?: RegExp;
  /** Why the phrase is a problem, completing "… <why>". */
  why: string;
  /** A system-focused alternative. */
  suggestion: string;
}

export const BLAME_PHRASES: readonly BlamePhrase[] = [
  {
    id: 'human-error',
    pattern: /\b(?:human|operator|user|engineer|manual|pilot) errors?\b/giu,
    why: 'names a person as the cause',
    suggestion:
      'name the condition that made the action easy to get wrong, e.g. "the deploy tool accepted the change without a confirmation step"',
  },
  {
    id: 'should-have',
    pattern: /\b(?:should(?:n['’]t| not)?|ought(?: not)? to) have\b|\bshould['’]ve\b/giu,
    why: 'judges a decision with hindsight',
    suggestion:
      'describe what people could see at the time and what the system made easy or hard, e.g. "nothing in the runbook prompted a check of the replica lag"',
  },
  {
    id: 'careless',
    pattern: /\bcareless(?:ly|ness)?\b/giu,
    why: 'judges a person',
    suggestion: 'describe the conditions, e.g. "under time pressure and with no review step, the change went out unchecked"',
  },
  {
    id: 'fault',
    pattern: /\b[\p{L}\p{N}-]+['’]s fault\b|\bfault of\b|\bat fault\b|\bto blame\b/giu,
    hint: /fault|blame/iu,
    why: 'assigns fault',
    suggestion: 'list the contributing factors that lined up, e.g. "the alert routed to a muted channel during the handover"',
  },
  {
    id: 'forgot',
    pattern: /\bforg(?:ot|otten)\b(?: to\b)?/giu,
    why: "puts the cause in someone's memory",
    suggestion: 'describe what would have reminded people, e.g. "the release checklist had no step for the cache flush"',
  },
  {
    id: 'failed-to',
    pattern: /\bfail(?:ed|s)? to\b/giu,
    why: "frames the event as someone's failure",
    suggestion: 'say what did or did not happen and why, e.g. "the job did not run because its schedule was removed in the migration"',
  },
  {
    id: 'negligent',
    pattern: /\bneglig(?:ent(?:ly)?|ence)\b/giu,
    why: 'judges a person',
    suggestion: 'describe the safeguard that was missing, e.g. "no check blocked a deploy during the freeze"',
  },
  {
    id: 'did-not-bother',
    pattern: /\b(?:did(?:n['’]t| not)|does(?:n['’]t| not)|never) bother(?:ed)?\b/giu,
    why: "judges a person's motives",
    suggestion: 'describe the trade-off people faced, e.g. "the step took 20 minutes and nothing required it"',
  },
  {
    id: 'judgement',
    pattern:
      /\b(?:sloppy|lazy|laziness|incompetent|incompetence|reckless(?:ly)?|stupid|inattentive|not paying attention|didn['’]t pay attention)\b/giu,
    hint: /sloppy|lazy|laziness|incompeten|reckless|stupid|inattentive|attention/iu,
    why: 'judges a person',
    suggestion: 'describe what the situation looked like from the inside, e.g. "the dashboard showed green while the queue grew"',
  },
];

const NAME_VERBS =
  "caused|broke|forgot|missed|ignored|neglected|overlooked|messed up|screwed up|failed|made a mistake|made an error|was careless|was responsible|is responsible|did(?:n['’]t| not) (?:notice|check|test|read|follow)";
const HUMAN_ONLY_VERBS =
  "forgot|neglected|messed up|screwed up|made a mistake|made an error|was careless|was negligent|did(?:n['’]t| not) (?:notice|bother|pay attention)";
/** Capitalised words that start sentences but are not people. */
const NOT_NAMES = new Set([
  'The',
  'This',
  'That',
  'These',
  'Those',
  'It',
  'We',
  'They',
  'He',
  'She',
  'I',
  'You',
  'Our',
  'Their',
  'Nobody',
  'Somebody',
  'Someone',
  'Everyone',
  'No',
  'One',
  'Then',
  'When',
  'After',
  'Before',
  'But',
  'And',
  'So',
  'If',
  'A',
  'An',
]);

const escapeRegExp = (value: string) => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A blaming phrase found in a piece of text. */
export interface BlameMatch {
  /** The phrase family, or `name-as-cause`. */
  id: string;
  /** Zero-based position in the text. */
  index: number;
  /** The words matched, as written. */
  text: string;
  why: string;
  suggestion: string;
}

/**
 * Patterns that name a person as the cause: known names (the postmortem's authors and
 * reviewers, full or first name) followed by a verb of blame, "caused by <name>",
 * "<name>'s mistake", and any capitalised name followed by a verb only people do ("forgot").
 */
export function namePatterns(names: readonly string[]): RegExp[] {
  const variants = nameVariants(names);
  return [...(variants.length ? knownNamePatterns(variants) : []), CAPITALISED_NAME_AS_CAUSE];
}

/** The names as they may appear: each full name, and its first name when that is distinctive. */
function nameVariants(names: readonly string[]): string[] {
  const variants = new Set<string>();
  for (const name of names) {
    const trimmed = name.trim();
    if (!trimmed) continue;
    variants.add(trimmed);
    const first = trimmed.split(/\s+/)[0];
    if (first.length >= 3 && /^\p{Lu}/u.test(first) && !NOT_NAMES.has(first)) variants.add(first);
  }
  return [...variants].sort((a, b) => b.length - a.length);
}

function knownNamePatterns(variants: readonly string[]): RegExp[] {
  const alternatives = variants.map(escapeRegExp).join('|');
  return [
    new RegExp(
      `\\b(?:${alternatives})\\b(?:['’]s (?:mistake|error|change|fault))?(?:\\s+(?:just|then|also|accidentally|simply))?\\s+(?:${NAME_VERBS})\\b`,
      'gu',
    ),
    new RegExp(
      `\\b(?:caused|broken|triggered) by (?:${alternatives})\\b|\\b(?:because of|due to) (?:${alternatives})\\b|\\b(?:${alternatives})['’]s (?:mistake|error|fault|oversight)\\b`,
      'giu',
    ),
  ];
}

/** Any capitalised name followed by a verb only people do ("Sam forgot"). */
const CAPITALISED_NAME_AS_CAUSE = new RegExp(`\\b(\\p{Lu}\\p{Ll}+(?: \\p{Lu}\\p{Ll}+)?)\\s+(?:${HUMAN_ONLY_VERBS})\\b`, 'gu');

/**
 * Words without which no pattern can match: a cheap case-insensitive test that lets most lines of
 * prose skip the dozen Unicode-aware patterns (the lint runs over every line of every postmortem).
 */
const TRIGGER_WORDS =
  /error|should|ought|careless|fault|blame|forg|fail|neglig|bother|sloppy|lazy|incompet|reckless|stupid|inattentive|attention|caused|broke|missed|ignored|overlooked|messed|screwed|mistake|responsible|did|triggered|because of|due to|oversight/i;

/**
 * A finder for one postmortem: the name patterns are compiled once for its authors and
 * reviewers, then applied to each piece of text.
 */
export function blameFinder(names: readonly string[] = []): (text: string) => BlameMatch[] {
  const variants = nameVariants(names);
  // Compiled only when a text mentions one of the names: a fresh RegExp runs in V8's slow
  // interpreter tier, and most postmortems never name their authors in the prose.
  let named: RegExp[] | undefined;
  const lowerVariants = variants.map((variant) => variant.toLowerCase());
  return (text) => {
    if (!TRIGGER_WORDS.test(text)) return [];
    const found: BlameMatch[] = [];
    const overlaps = (index: number, length: number) => found.some((m) => index < m.index + m.text.length && m.index < index + length);
    const lower = lowerVariants.length ? text.toLowerCase() : '';
    const mentions = lowerVariants.some((variant) => lower.includes(variant));
    const patterns = mentions ? [...(named ??= knownNamePatterns(variants)), CAPITALISED_NAME_AS_CAUSE] : [CAPITALISED_NAME_AS_CAUSE];
    for (const pattern of patterns) {
      for (const match of text.matchAll(pattern)) {
        if (match[1] && NOT_NAMES.has(match[1].split(' ')[0])) continue;
        if (overlaps(match.index, match[0].length)) continue;
        found.push({
          id: 'name-as-cause',
          index: match.index,
          text: match[0],
          why: 'names a person as the cause',
          suggestion:
            'keep names to authors and reviewers; describe what the person saw and what the system allowed, e.g. "the deploy ran without a second review because the pipeline did not require one"',
        });
      }
    }
    for (const phrase of BLAME_PHRASES) {
      if (phrase.hint && !phrase.hint.test(text)) continue;
      for (const match of text.matchAll(phrase.pattern)) {
        if (overlaps(match.index, match[0].length)) continue;
        found.push({ id: phrase.id, index: match.index, text: match[0], why: phrase.why, suggestion: phrase.suggestion });
      }
    }
    return found.sort((a, b) => a.index - b.index);
  };
}

/** Every blaming phrase in `text`; overlapping findings are reported once (names first). */
export function findBlame(text: string, names: readonly string[] = []): BlameMatch[] {
  return blameFinder(names)(text);
}

/** The message of one finding. */
export function blameMessage(match: Pick<BlameMatch, 'text' | 'why' | 'suggestion'>): string {
  return `"${match.text}" ${match.why}; blameless reviews describe systems and conditions instead: ${match.suggestion}`;
}

/** The postmortem text fields the lint reads (`*` = every item or key). */
export const BLAMELESS_FIELDS: readonly (readonly PathSegment[])[] = [
  ['title'],
  ['summary'],
  ['impact', 'summary'],
  ['trigger'],
  ['contributingFactors', '*', 'description'],
  ['lessons', '*', '*'],
  ['actionItems', '*', 'title'],
];

/** Lints one parsed postmortem; `names` are people who must not appear as a cause. */
export function lintBlameless(parsed: ParsedFile, names: readonly string[], level: 'error' | 'warning' = 'warning'): Problem[] {
  const lines = fileLines(parsed);
  const problems: Problem[] = [];
  const find = blameFinder(names);
  const report = (field: string, line: number, column: number, match: BlameMatch, anchorLine = line) => {
    if (isDisabled(lines, BLAMELESS_RULE, line, anchorLine)) return;
    problems.push({ level, file: parsed.source.file, field, line, column, rule: BLAMELESS_RULE, message: blameMessage(match) });
  };
  for (const field of scalarFields(parsed)) {
    if (!BLAMELESS_FIELDS.some((pattern) => matchesPath(field.path, pattern))) continue;
    for (const match of find(field.value)) {
      // Locate the words in the file (the value may be quoted or folded over several lines).
      let line = field.startLine;
      let column = 1;
      const needle = new RegExp(escapeRegExp(match.text).replace(/\s+/g, '\\s+'), 'i');
      for (let at = field.startLine; at <= field.endLine; at++) {
        const hit = needle.exec(lines[at - 1] ?? '');
        if (hit) {
          line = at;
          column = hit.index + 1;
          break;
        }
      }
      report(formatFieldPath(field.path), line, column, match, field.keyLine);
    }
  }
  // The prose is linted as one text (lines joined, code blanked) and matches mapped back.
  const prose = proseLines(parsed);
  const joined = prose.map(({ text }) => text).join('\n');
  const locate = lineLocator(joined, 0);
  for (const match of find(joined)) {
    const { line: index, column } = locate(match.index);
    report('body', prose[index].line, column, match);
  }
  return problems;
}

/** The rule over every postmortem, at the level `lint.blameless` sets. */
function blamelessOverEntries({ config, entries, parsed }: RuleContext): Problem[] {
  const level = problemLevel(config.lint.blameless);
  if (!level) return [];
  return entries
    .filter((entry) => entry.collection === 'postmortems' && parsed.has(entry.file))
    .flatMap((entry) => lintBlameless(parsed.get(entry.file)!, [...(entry.data.authors ?? []), ...(entry.data.reviewers ?? [])], level));
}

/** Its findings for a file depend only on that file and the configuration: cached per file. */
export const blamelessRule: EntryRule = Object.assign(blamelessOverEntries, { fileLocal: true });
