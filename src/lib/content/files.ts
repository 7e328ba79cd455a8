/**
 * Finding and parsing content files. Frontmatter is parsed with the YAML 1.2 core schema, so
 * datetimes stay the strings the author wrote (an offset-less one can then be rejected instead
 * of being read in a guessed time zone), and every node keeps its position for line numbers.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';
import { LineCounter, isMap, isPair, isScalar, isSeq, parseDocument, type Document, type Node } from 'yaml';
import { COLLECTIONS, type CollectionName } from '../../schemas/common.ts';
import type { PathSegment, Problem } from '../problems.ts';

/** File extensions each collection reads. */
export const COLLECTION_EXTENSIONS: Record<CollectionName, readonly string[]> = {
  teams: ['.yaml', '.yml'],
  services: ['.yaml', '.yml'],
  slos: ['.mdx', '.md', '.yaml', '.yml'],
  postmortems: ['.mdx', '.md'],
  releases: ['.mdx', '.md'],
  prds: ['.mdx', '.md'],
  handbook: ['.mdx', '.md'],
};

export interface SourceFile {
  /** The collection, or `config` for `almanac.yaml`. */
  collection: CollectionName | 'config';
  /** File name without extension. */
  id: string;
  absolutePath: string;
  /** Path relative to the project root, `/`-separated, as printed in messages. */
  file: string;
  extension: string;
}

/** A file split into its YAML (frontmatter or whole file) and body, with positions kept. */
export interface ParsedFile {
  source: SourceFile;
  /** The raw text of the whole file. */
  text: string;
  /** Parsed YAML data, or undefined when the YAML has syntax errors. */
  data: unknown;
  document: Document;
  /** Markdown/MDX body after the frontmatter ('' for YAML files). */
  body: string;
  /** 1-based line in the file where the YAML starts. */
  yamlLine: number;
  /** 1-based line in the file where the body starts. */
  bodyLine: number;
  lineCounter: LineCounter;
  /** Content hash of the whole file. */
  digest: string;
}

/** Posix path of `path` relative to `root`. */
export function displayPath(root: string, path: string): string {
  return relative(root, path).split(sep).join('/');
}

/** Lists every entry file of every collection; files starting with `_` or `.` are ignored. */
export function listSourceFiles(contentDir: string, root: string): { files: SourceFile[]; problems: Problem[] } {
  const files: SourceFile[] = [];
  const problems: Problem[] = [];
  for (const collection of COLLECTIONS) {
    const directory = join(contentDir, collection);
    if (!existsSync(directory)) continue;
    for (const dirent of readdirSync(directory, { withFileTypes: true })) {
      if (dirent.name.startsWith('_') || dirent.name.startsWith('.')) continue;
      const absolutePath = join(directory, dirent.name);
      const file = displayPath(root, absolutePath);
      if (!dirent.isFile()) {
        problems.push({ level: 'warning', file, field: '', rule: 'file-layout', message: `is a folder; entries are files directly in ${collection}/ (the file name is the id), so it is ignored` });
        continue;
      }
      const extension = extname(dirent.name).toLowerCase();
      if (!COLLECTION_EXTENSIONS[collection].includes(extension)) {
        problems.push({
          level: 'warning',
          file,
          field: '',
          rule: 'file-layout',
          message: `is ignored: ${collection}/ reads ${COLLECTION_EXTENSIONS[collection].join(', ')} files (rename it, or start its name with "_" to mark it as not an entry)`,
        });
        continue;
      }
      files.push({ collection, id: dirent.name.slice(0, -extension.length), absolutePath, file, extension });
    }
  }
  files.sort((a, b) => a.file.localeCompare(b.file));
  return { files, problems };
}

const FRONTMATTER_OPEN = /^---[ \t]*\r?\n/;
const FRONTMATTER_CLOSE = /^---[ \t]*$/m;

/** Reads and parses one file; syntax problems are returned, never thrown. */
export function parseSourceFile(source: SourceFile, text = readFileSync(source.absolutePath, 'utf8')): { parsed: ParsedFile; problems: Problem[] } {
  const problems: Problem[] = [];
  const isYamlFile = source.extension === '.yaml' || source.extension === '.yml';
  let yamlText = text;
  let body = '';
  let yamlLine = 1;
  let bodyLine = 1;
  if (!isYamlFile) {
    const open = FRONTMATTER_OPEN.exec(text);
    const rest = open ? text.slice(open[0].length) : '';
    const close = open ? FRONTMATTER_CLOSE.exec(rest) : null;
    if (!open || !close) {
      problems.push({
        level: 'error',
        file: source.file,
        field: '',
        line: 1,
        rule: 'frontmatter',
        message: open
          ? 'has no closing "---" line after its frontmatter; end the YAML block with a line containing only ---'
          : 'has no frontmatter; start the file with a line "---", the YAML fields, and another "---" line',
      });
      yamlText = '';
      body = open ? rest : text;
    } else {
      yamlText = rest.slice(0, close.index);
      const afterClose = rest.slice(close.index + close[0].length).replace(/^\r?\n/, '');
      body = afterClose;
      yamlLine = 2;
      bodyLine = yamlLine + countLines(yamlText) + 1;
    }
  }
  const lineCounter = new LineCounter();
  const document = parseDocument(yamlText, { lineCounter, prettyErrors: false, uniqueKeys: true, schema: 'core' });
  for (const error of document.errors) {
    // `linePos` is only filled in with prettyErrors; otherwise it comes from the offset.
    const start = error.pos ? (unclosedStart(yamlText, error.pos[0], error.message) ?? error.pos[0]) : undefined;
    const position = start === undefined ? error.linePos?.[0] : lineCounter.linePos(start);
    problems.push({
      level: 'error',
      file: source.file,
      field: '',
      line: position ? position.line + yamlLine - 1 : yamlLine,
      column: position?.col,
      rule: 'yaml-syntax',
      message: `YAML syntax error: ${error.message.split('\n')[0]}`,
    });
  }
  const data = document.errors.length ? undefined : (document.toJS({ maxAliasCount: 100 }) ?? {});
  const digest = digestOf(text);
  return { parsed: { source, text, data, document, body, yamlLine, bodyLine, lineCounter, digest }, problems };
}

/**
 * Where an unclosed quote or flow collection (`[a, b` or `{a: 1`) began. The parser notices it
 * only where it gives up, often lines later; the author needs the line that opened it.
 */
export function unclosedStart(text: string, end: number, message: string): number | undefined {
  const quote = /Missing closing (["'])quote/.exec(message)?.[1];
  if (quote) {
    const index = text.lastIndexOf(quote, end - 1);
    return index >= 0 ? index : undefined;
  }
  const open = /Flow sequence/.test(message) ? '[' : /Flow mapping/.test(message) ? '{' : undefined;
  if (!open) return undefined;
  const close = open === '[' ? ']' : '}';
  const stack: number[] = [];
  let inQuote: string | undefined;
  for (let index = 0; index < end && index < text.length; index++) {
    const char = text[index];
    if (inQuote) {
      if (char === inQuote && text[index - 1] !== '\\') inQuote = undefined;
    } else if (char === '"' || char === "'") {
      // A quote opens a string only at the start of a value, not inside a word (it's).
      if (/[\s,[{:]/.test(text[index - 1] ?? ' ')) inQuote = char;
    } else if (char === '#' && /\s/.test(text[index - 1] ?? ' ')) {
      const newline = text.indexOf('\n', index);
      index = newline < 0 ? text.length : newline;
    } else if (char === open) stack.push(index);
    else if (char === close) stack.pop();
  }
  return stack.at(-1);
}

/** Content hash of a file's text. */
export function digestOf(text: string): string {
  return createHash('sha1').update(text).digest('hex');
}

function countLines(text: string): number {
  if (text === '') return 0;
  let lines = 1;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lines++;
  return text.endsWith('\n') ? lines - 1 : lines;
}

/**
 * The 1-based file line of a field path: the line of the deepest node that exists along the
 * path (a missing field points at its parent), or the first line of the YAML.
 */
export function lineOf(parsed: ParsedFile, path: readonly PathSegment[]): number {
  let node: unknown = parsed.document.contents;
  let offset: number | undefined = (node as Node | null)?.range?.[0];
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === String(segment));
      if (!pair) break;
      offset = (pair.key as Node).range?.[0] ?? offset;
      node = pair.value;
    } else if (isSeq(node) && typeof segment === 'number' && node.items[segment]) {
      node = node.items[segment];
      offset = (node as Node).range?.[0] ?? offset;
    } else {
      break;
    }
  }
  if (offset === undefined) return parsed.yamlLine;
  return parsed.lineCounter.linePos(offset).line + parsed.yamlLine - 1;
}
