/**
 * The one validation pass: reads every file of the content folder, checks each against its
 * collection's schema, then runs the cross-entry rules (references, duplicates, cycles), and
 * returns every problem found. It never stops at the first one.
 */
import { COLLECTIONS, type CollectionName, type ReferenceUse } from '../core/schemas/common.ts';
import { collectionSpecs } from '../core/schemas/index.ts';
import type { SiteConfig } from '../core/schemas/config.ts';
import { digestOf, lineOf, listSourceFiles, parseSourceFile, readSourceText, type ParsedFile, type SourceFile } from './files.ts';
import { cacheFingerprint, FileResultCache, type CachedFileResult } from './validation-cache.ts';
import { issuesToProblems } from './issues.ts';
import { inspectMdx } from './mdx.ts';
import type { BodyLink, Entry } from '../core/entry.ts';
import { isVisible, type AudienceContext } from '../core/audience.ts';
import { explainLinkTarget, linkedEntry } from '../core/routes.ts';
import { fromOpenSlo, isOpenSlo, OPENSLO_RULE } from './openslo.ts';
import { didYouMean, explainId } from '../core/ids.ts';
import { formatFieldPath, sortProblems, type PathSegment, type Problem } from '../core/problems.ts';
import { loadSiteConfig } from './site-config.ts';
import { checkOnThread, THREAD_FROM_FILES, THREAD_UP_TO_FILES } from './check-thread-client.ts';

export interface ValidationResult {
  config: SiteConfig;
  entries: Entry[];
  problems: Problem[];
  /** Parsed files by relative path, for tools that map fields to lines. */
  parsed: Map<string, ParsedFile>;
  /** How many files a second thread checked (see `THREAD_FROM_FILES`). */
  checkedOnThread: number;
}

export interface ValidateOptions {
  contentDir: string;
  root: string;
  /** Reads a file's text; defaults to the file system. Tests substitute in-memory files. */
  readText?: (absolutePath: string) => string;
  /** Extra per-entry checks (lint, policies) run on valid entries. */
  entryRules?: EntryRule[];
  /**
   * A folder caching each file's own results (parse, schema, MDX, file-local rules) by its
   * digest, so an unchanged file is not parsed again; cross-entry rules always run.
   */
  cacheDir?: string;
  /**
   * Who the build is for. Links from an entry this audience sees to one it does not are
   * reported (they are shown as plain text), and the public audience never allows body code.
   * Default: the internal audience without drafts.
   */
  audience?: AudienceContext;
  /**
   * Whether a second thread may check files when many are not in the cache (from
   * `THREAD_FROM_FILES` to `THREAD_UP_TO_FILES`; a first run, a new cache). Default true.
   */
  threads?: boolean;
}

/**
 * A rule over all valid entries that may report problems (errors or warnings). A `fileLocal`
 * rule's findings for a file depend only on that file and the configuration (the lints), so they
 * are cached with the file's other results.
 */
export type EntryRule = ((context: RuleContext) => Problem[]) & { fileLocal?: boolean };

export interface RuleContext {
  config: SiteConfig;
  entries: Entry[];
  /** Entries that failed their schema, with their raw fields (see `Entry.invalid`). */
  invalid?: Entry[];
  parsed: Map<string, ParsedFile>;
  /** Builds a problem at a field of an entry, with its line. */
  problemAt: (entry: Entry, path: readonly PathSegment[], problem: Omit<Problem, 'file' | 'field' | 'line'>) => Problem;
}

export function validateContent(options: ValidateOptions): ValidationResult {
  const { contentDir, root } = options;
  const { config, problems } = loadSiteConfig(contentDir, root);
  const specs = collectionSpecs(config);
  const listing = listSourceFiles(contentDir, root);
  problems.push(...listing.problems, ...duplicateIds(listing.files));

  const entries: Entry[] = [];
  const invalid: Entry[] = [];
  const parsedFiles = new Map<string, ParsedFile>();
  /** Files whose fields were converted (OpenSLO): maps entry field paths to the file's paths. */
  const sourcePaths = new Map<string, (path: readonly PathSegment[]) => PathSegment[]>();
  const cache = options.cacheDir ? FileResultCache.open(options.cacheDir, cacheFingerprint(config, contentDir, root)) : undefined;
  const reads: { source: SourceFile; text: string; cached?: CachedFileResult }[] = [];
  for (const source of listing.files) {
    const read = options.readText ? { text: options.readText(source.absolutePath) } : readSourceText(source);
    if (read.problem) problems.push(read.problem);
    else reads.push({ source, text: read.text, cached: cache?.get(source.file, digestOf(read.text)) });
  }
  // File-local rules (lints) run on the files checked in this run; the cache holds their findings
  // for the others, keyed by the file's digest and the configuration. With many files to check (a
  // first run, a new cache), a second thread checks two in five of them meanwhile: it starts later
  // (loading the checks) and runs colder code, so that share keeps both busy about as long.
  const fileLocalRules = (options.entryRules ?? []).filter((rule) => rule.fileLocal);
  const toCheck = reads.filter((read) => !read.cached);
  const elsewhere =
    options.threads !== false && toCheck.length >= THREAD_FROM_FILES && toCheck.length <= THREAD_UP_TO_FILES
      ? checkOnThread(
          toCheck.filter((_, index) => index % 5 === 1 || index % 5 === 3),
          config,
          fileLocalRules,
        )
      : undefined;
  const here = checkOnTheirOwn(
    toCheck.filter(({ source }) => !elsewhere?.files.has(source.file)),
    specs,
    config,
    fileLocalRules,
  );
  // What the other thread checked arrives in the form the cache keeps; a file it left out (one
  // converted from OpenSLO), or every file if it failed, is checked here.
  const there = elsewhere?.results() ?? { results: new Map<string, CachedFileResult>(), problems: [] };
  const leftOver = checkOnTheirOwn(
    toCheck.filter(({ source }) => elsewhere?.files.has(source.file) && !there.results.has(source.file)),
    specs,
    config,
    fileLocalRules,
  );
  problems.push(...here.others, ...there.problems, ...leftOver.others);
  /** Files checked on this thread in this run: what it adds to the cache (with the other thread's results). */
  const fresh = new Map([...here.checks, ...leftOver.checks]);
  const fileProblems = new Map<string, Problem[]>();
  for (const { source, text, cached } of reads) {
    const checked = fresh.get(source.file) ?? fromCache(source, text, (cached ?? there.results.get(source.file))!);
    parsedFiles.set(source.file, checked.parsed);
    fileProblems.set(source.file, checked.problems);
    if (checked.sourcePath) sourcePaths.set(source.file, checked.sourcePath);
    if (checked.entry) (checked.entry.invalid ? invalid : entries).push(checked.entry);
  }

  const problemAt = problemFinder(parsedFiles, sourcePaths);
  const context: RuleContext = { config, entries, invalid, parsed: parsedFiles, problemAt };
  for (const [file, found] of fileProblems) {
    problems.push(...found);
    const checked = fresh.get(file);
    if (cache && checked && !checked.sourcePath) cache.set(file, cachedResult(checked, found));
  }
  for (const [file, result] of there.results) cache?.set(file, result);
  cache?.save(new Set(parsedFiles.keys()));
  const audience = options.audience ?? { audience: 'internal', includeDrafts: false };
  for (const rule of [
    (ruleContext: RuleContext) => unresolvedReferences(ruleContext, listing.files),
    duplicateVersions,
    supersedeCycles,
    dependencyCycles,
    (ruleContext: RuleContext) => bodyLinks(ruleContext, audience),
    (ruleContext: RuleContext) => publicBodyCode(ruleContext, audience),
    ...(options.entryRules ?? []).filter((rule) => !rule.fileLocal),
  ]) {
    problems.push(...rule(context));
  }
  return { config, entries, problems: sortProblems(problems), parsed: parsedFiles, checkedOnThread: there.results.size };
}

/** The result of checking one file on its own. */
interface FileCheck {
  parsed: ParsedFile;
  problems: Problem[];
  entry?: Entry;
  sourcePath?: (path: readonly PathSegment[]) => PathSegment[];
}

/** Parses and checks one file: syntax, id, MDX, schema (after an OpenSLO conversion). */
function checkFile(source: SourceFile, text: string, specs: ReturnType<typeof collectionSpecs>, config: SiteConfig): FileCheck {
  const { parsed, problems } = parseSourceFile(source, text);
  const idProblem = explainId(source.id);
  if (idProblem)
    problems.push({ level: 'error', file: source.file, field: '', rule: 'id', message: `file name ${idProblem}; rename the file` });
  const bodyCheck = source.extension === '.mdx' || source.extension === '.md' ? checkBody(parsed, config) : undefined;
  if (bodyCheck) problems.push(...bodyCheck.problems);
  if (parsed.data === undefined) return { parsed, problems };
  if (parsed.data === null || typeof parsed.data !== 'object' || Array.isArray(parsed.data)) {
    problems.push({
      level: 'error',
      file: source.file,
      field: '',
      line: parsed.yamlLine,
      rule: 'schema',
      message: 'must hold YAML fields (key: value lines), not a single value or a list',
    });
    return { parsed, problems };
  }
  const collection = source.collection as CollectionName;
  const spec = specs[collection];
  let input: unknown = parsed.data;
  let body = parsed.body;
  let sourcePath: FileCheck['sourcePath'];
  if (collection === 'slos' && source.extension !== '.mdx' && source.extension !== '.md' && isOpenSlo(parsed.data)) {
    // An OpenSLO v1 document: converted to SLO fields; problems point at the OpenSLO fields.
    const conversion = fromOpenSlo(parsed.data, source.id);
    for (const problem of conversion.problems) {
      problems.push({
        level: problem.level,
        file: source.file,
        field: formatFieldPath(problem.path),
        line: lineOf(parsed, problem.path),
        rule: OPENSLO_RULE,
        message: problem.message,
      });
    }
    if (!conversion.data) return { parsed, problems };
    input = conversion.data;
    body = conversion.description ?? '';
    sourcePath = conversion.sourcePath;
  }
  const entryOf = (data: unknown): Entry => ({
    collection,
    id: source.id,
    file: source.file,
    data,
    body,
    bodyLine: parsed.bodyLine,
    digest: parsed.digest,
    links: bodyCheck?.links,
    code: bodyCheck?.code,
    questions: bodyCheck?.questions,
  });
  const result = spec.schema.safeParse(input, { reportInput: true });
  if (!result.success) {
    const issues = sourcePath
      ? result.error.issues.map((issue) => ({ ...issue, path: sourcePath(issue.path as PathSegment[]) }))
      : result.error.issues;
    problems.push(...issuesToProblems(issues, parsed, spec.schema));
    // Kept with its raw fields so the references that did parse are checked in the same run.
    return { parsed, problems, entry: idProblem ? undefined : { ...entryOf(input), invalid: true }, sourcePath };
  }
  if (idProblem) return { parsed, problems, sourcePath };
  return { parsed, problems, entry: entryOf(result.data), sourcePath };
}

/** Builds problems at entry fields, with their lines (in the file's own fields for a converted file). */
function problemFinder(
  parsedFiles: ReadonlyMap<string, ParsedFile>,
  sourcePaths: ReadonlyMap<string, (path: readonly PathSegment[]) => PathSegment[]>,
): RuleContext['problemAt'] {
  return (entry, path, problem) => {
    const sourcePath = sourcePaths.get(entry.file)?.(path) ?? path;
    return {
      ...problem,
      file: entry.file,
      field: formatFieldPath(sourcePath),
      line: parsedFiles.has(entry.file) ? lineOf(parsedFiles.get(entry.file)!, sourcePath) : undefined,
    };
  };
}

/**
 * Checks files on their own (parse, id, MDX, schema), then runs the file-local rules on them (their
 * valid entries and parsed files); each finding joins its file's problems. Returns the checks, and
 * the findings about no file of theirs.
 */
function checkOnTheirOwn(
  files: readonly { source: SourceFile; text: string }[],
  specs: ReturnType<typeof collectionSpecs>,
  config: SiteConfig,
  rules: readonly EntryRule[],
): { checks: Map<string, FileCheck>; others: Problem[] } {
  const checks = new Map(files.map(({ source, text }) => [source.file, checkFile(source, text, specs, config)]));
  const others: Problem[] = [];
  if (checks.size === 0) return { checks, others };
  const parsed = new Map([...checks].map(([file, check]) => [file, check.parsed]));
  const sourcePaths = new Map([...checks].flatMap(([file, check]) => (check.sourcePath ? [[file, check.sourcePath] as const] : [])));
  const context: RuleContext = {
    config,
    entries: [...checks.values()].flatMap((check) => (check.entry && !check.entry.invalid ? [check.entry] : [])),
    parsed,
    problemAt: problemFinder(parsed, sourcePaths),
  };
  for (const rule of rules) {
    for (const problem of rule(context)) {
      const check = checks.get(problem.file);
      if (check) check.problems.push(problem);
      else others.push(problem);
    }
  }
  return { checks, others };
}

/** A file's own results as the cache keeps them. */
function cachedResult({ parsed, entry }: FileCheck, problems: Problem[]): CachedFileResult {
  return {
    digest: parsed.digest,
    raw: parsed.data,
    body: parsed.body,
    yamlLine: parsed.yamlLine,
    bodyLine: parsed.bodyLine,
    problems,
    entry: entry && {
      collection: entry.collection,
      id: entry.id,
      data: entry.data,
      links: entry.links,
      code: entry.code,
      questions: entry.questions,
      invalid: entry.invalid,
    },
  };
}

/**
 * Checks files on their own, as a run with an empty cache does (`checkOnTheirOwn`), into the form
 * the cache keeps: what the second thread runs (check-thread.mjs). A file whose fields are
 * converted (OpenSLO) is left out, since its results cannot be kept; the caller checks it.
 */
export function checkFilesForCache(
  files: readonly { source: SourceFile; text: string }[],
  config: SiteConfig,
  rules: readonly EntryRule[],
): { results: Map<string, CachedFileResult>; problems: Problem[] } {
  const { checks, others } = checkOnTheirOwn(files, collectionSpecs(config), config, rules);
  const results = new Map<string, CachedFileResult>();
  for (const [file, check] of checks) if (!check.sourcePath) results.set(file, cachedResult(check, check.problems));
  return { results, problems: others };
}

/** A file checked by an earlier run: its YAML is parsed again only if a line number is needed. */
function fromCache(source: SourceFile, text: string, cached: CachedFileResult): FileCheck {
  let full: ParsedFile | undefined;
  const load = () => (full ??= parseSourceFile(source, text).parsed);
  const parsed: ParsedFile = {
    source,
    text,
    data: cached.raw,
    body: cached.body,
    yamlLine: cached.yamlLine,
    bodyLine: cached.bodyLine,
    digest: cached.digest,
    get document() {
      return load().document;
    },
    get lineCounter() {
      return load().lineCounter;
    },
  };
  const entry = cached.entry && { ...cached.entry, file: source.file, body: cached.body, bodyLine: cached.bodyLine, digest: cached.digest };
  return { parsed, problems: cached.problems.map((problem) => ({ ...problem })), entry };
}

/**
 * A body must parse (unclosed tags and broken `{expressions}` are reported with their line), use
 * the components correctly, carry no code (unless `mdx.allowCode` is set), no active HTML, and
 * only safe link targets. Its links and code sites are returned for the cross-entry rules.
 */
function checkBody(
  parsed: ParsedFile,
  config: SiteConfig,
): { problems: Problem[]; links: BodyLink[]; code: Entry['code']; questions: string[] } {
  const file = parsed.source.file;
  const markdown = parsed.source.extension === '.md';
  const at = (rule: string, found: { line: number; column: number; message: string }, level: Problem['level'] = 'error'): Problem => ({
    level,
    file,
    field: 'body',
    line: found.line + parsed.bodyLine - 1,
    column: found.column,
    rule,
    message: found.message,
  });
  let inspection: ReturnType<typeof inspectMdx>;
  try {
    inspection = inspectMdx(parsed.body, { markdown });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const position = /^(\d+):(\d+)/.exec(message);
    const problem: Problem = {
      level: 'error',
      file,
      field: '',
      line: position ? Number(position[1]) + parsed.bodyLine - 1 : parsed.bodyLine,
      column: position ? Number(position[2]) : undefined,
      rule: 'mdx-syntax',
      message: `MDX syntax error: ${message.replace(/^\d+:\d+:\s*/, '').replace(/\s*\(\d+:\d+\)/, '')}. Close every tag, and write a literal "<" or "{" as \\< or \\{`,
    };
    return { problems: [problem], links: [], code: [], questions: [] };
  }
  const problems = [
    ...(markdown ? [] : inspection.components.map((found) => at('mdx-component', found))),
    ...(config.mdx.allowCode
      ? []
      : inspection.code.map((found) =>
          at('mdx-code', {
            ...found,
            message: `${found.message}. (A site can allow code in its internal build with mdx.allowCode in almanac.yaml.)`,
          }),
        )),
    ...inspection.html.map((found) => at('body-html', found)),
    ...inspection.links.flatMap((link) => {
      const problem = explainLinkTarget(link.url);
      return problem ? [at('body-link', { ...link, message: problem })] : [];
    }),
  ];
  const code = inspection.code.map((found) => ({ ...found, line: found.line + parsed.bodyLine - 1 }));
  const links = inspection.links.map((link) => ({ ...link, line: link.line + parsed.bodyLine - 1 }));
  return { problems, links, code, questions: inspection.questions.map((question) => question.text) };
}

/** Two files with one id (`x.md` and `x.mdx`) would publish to the same URL. */
function duplicateIds(files: readonly SourceFile[]): Problem[] {
  const seen = new Map<string, SourceFile>();
  const problems: Problem[] = [];
  for (const source of files) {
    const key = `${source.collection}/${source.id}`;
    const first = seen.get(key);
    if (first) {
      problems.push({
        level: 'error',
        file: source.file,
        field: '',
        rule: 'duplicate-id',
        message: `has the same id "${source.id}" as ${first.file}; ids must be unique in ${source.collection}, rename one file`,
      });
    } else seen.set(key, source);
  }
  return problems;
}

/**
 * A reference resolves when a file with that id exists in the target collection, valid or not:
 * an invalid entry is reported once, by its own problems, not again by every entry that names
 * it (one broken SLO would otherwise bring an "is not an entry" error from each postmortem).
 */
function unresolvedReferences({ config, entries, invalid = [], problemAt }: RuleContext, files: readonly SourceFile[]): Problem[] {
  const specs = collectionSpecs(config);
  const ids = new Map<CollectionName, Set<string>>(COLLECTIONS.map((c) => [c, new Set<string>()]));
  for (const file of files) if (file.collection !== 'config') ids.get(file.collection)?.add(file.id);
  const problems: Problem[] = [];
  for (const entry of [...entries, ...invalid]) {
    for (const use of referencesOf(specs, entry)) {
      const targets = ids.get(use.collection)!;
      if (!targets.has(use.id)) {
        problems.push(
          problemAt(entry, use.path, {
            level: 'error',
            rule: 'reference',
            message: `"${use.id}" is not an entry of ${use.collection}; use the id of a file in ${use.collection}/.${didYouMean(use.id, targets)}`,
          }),
        );
      }
    }
  }
  return problems;
}

/**
 * The references an entry makes. An invalid entry's raw fields may have any shape: only
 * references that are strings count, and a field whose value has the wrong shape is left to the
 * schema error already reported for it.
 */
function referencesOf(specs: ReturnType<typeof collectionSpecs>, entry: Entry): ReferenceUse[] {
  if (!entry.invalid) return specs[entry.collection].references(entry.data);
  try {
    return specs[entry.collection].references(entry.data).filter((use) => typeof use.id === 'string');
  } catch {
    return [];
  }
}

function duplicateVersions({ entries, problemAt }: RuleContext): Problem[] {
  const seen = new Map<string, Entry>();
  const problems: Problem[] = [];
  for (const entry of entries.filter((e) => e.collection === 'releases')) {
    const first = seen.get(entry.data.version);
    if (first) {
      problems.push(
        problemAt(entry, ['version'], {
          level: 'error',
          rule: 'duplicate-version',
          message: `"${entry.data.version}" is already the version of ${first.file}; release versions must be unique`,
        }),
      );
    } else seen.set(entry.data.version, entry);
  }
  return problems;
}

/** Follows single links (`next(id)`) from every entry and reports each loop once. */
function findCycles(start: Iterable<string>, next: (id: string) => string[]): string[][] {
  const cycles: string[][] = [];
  const done = new Set<string>();
  const visit = (id: string, stack: string[]) => {
    const index = stack.indexOf(id);
    if (index >= 0) {
      cycles.push(stack.slice(index));
      return;
    }
    if (done.has(id)) return;
    stack.push(id);
    for (const target of next(id)) visit(target, stack);
    stack.pop();
    done.add(id);
  };
  for (const id of start) visit(id, []);
  return cycles;
}

function supersedeCycles({ entries, problemAt }: RuleContext): Problem[] {
  const prds = new Map(entries.filter((e) => e.collection === 'prds').map((e) => [e.id, e]));
  return findCycles(prds.keys(), (id) => {
    const target = prds.get(id)?.data.supersededBy;
    return target && prds.has(target) ? [target] : [];
  }).map((cycle) =>
    problemAt(prds.get(cycle[0])!, ['supersededBy'], {
      level: 'error',
      rule: 'supersede-cycle',
      message: `forms a loop: ${[...cycle, cycle[0]].join(' → ')}; the newest PRD in a chain must not be superseded`,
    }),
  );
}

function dependencyCycles({ entries, problemAt }: RuleContext): Problem[] {
  const services = new Map(entries.filter((e) => e.collection === 'services').map((e) => [e.id, e]));
  return findCycles(services.keys(), (id) => (services.get(id)?.data.dependsOn ?? []).filter((target: string) => services.has(target))).map(
    (cycle) =>
      problemAt(services.get(cycle[0])!, ['dependsOn'], {
        level: 'error',
        rule: 'dependency-cycle',
        message: `forms a cycle: ${[...cycle, cycle[0]].join(' → ')}; service dependencies must not loop`,
      }),
  );
}

/**
 * Links in bodies that name an entry (`../postmortems/<id>/`, `/slos/<id>/`) must name one that
 * exists. A link from an entry this audience sees to one it does not see would publish a dead
 * link that names the hidden entry; it is rendered as plain text, with a warning here.
 */
function bodyLinks(context: RuleContext, audience: AudienceContext): Problem[] {
  const { entries } = context;
  const ids = new Map<CollectionName, Map<string, Entry>>(COLLECTIONS.map((c) => [c, new Map<string, Entry>()]));
  for (const entry of entries) ids.get(entry.collection)!.set(entry.id, entry);
  const problems: Problem[] = [];
  for (const entry of [...entries, ...(context.invalid ?? [])]) {
    const visible = isVisible(entry, audience);
    for (const link of entry.links ?? []) {
      const target = linkedEntry(link.url, entry);
      if (!target) continue;
      const at = { file: entry.file, field: 'body', line: link.line, column: link.column, rule: 'body-link' };
      const found = ids.get(target.collection)!.get(target.id);
      if (target.sourceFile) {
        problems.push({
          ...at,
          level: 'error',
          message: `links to the source file "${link.url}"; link to the page instead: ../../${target.collection}/${target.id}/`,
        });
      } else if (!found) {
        problems.push({
          ...at,
          level: 'error',
          message: `links to "${link.url}", but ${target.collection} has no entry "${target.id}"; use the id of a file in ${target.collection}/.${didYouMean(target.id, ids.get(target.collection)!.keys())}`,
        });
      } else if (visible && !isVisible(found, audience)) {
        const why = audience.audience === 'public' ? 'the public build does not publish it' : 'this build does not publish it (a draft)';
        problems.push({
          ...at,
          level: 'warning',
          message: `links to ${target.collection}/${target.id}, but ${why}; the link is shown as plain text`,
        });
      }
    }
  }
  return problems;
}

/** The public audience never runs body code, even where the site allows it internally. */
function publicBodyCode({ config, entries }: RuleContext, audience: AudienceContext): Problem[] {
  if (audience.audience !== 'public' || !config.mdx.allowCode) return [];
  return entries
    .filter((entry) => isVisible(entry, audience))
    .flatMap((entry) =>
      (entry.code ?? []).map((found) => ({
        level: 'error' as const,
        file: entry.file,
        field: 'body',
        line: found.line,
        column: found.column,
        rule: 'mdx-code',
        message: `${found.message}. The public build never runs body code, whatever mdx.allowCode says: remove it or keep the entry internal`,
      })),
    );
}
