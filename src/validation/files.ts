/**
 * Finding and parsing content files. Frontmatter is parsed with the YAML 1.2 core schema, so
 * datetimes stay the strings the author wrote (an offset-less one can then be rejected instead
 * of being read in a guessed time zone), and every node keeps its position for line numbers.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, readlinkSync, realpathSync, statSync } from 'node:fs';
import { extname, isAbsolute, join, relative, sep } from 'node:path';
import { LineCounter, isAlias, isMap, isPair, isScalar, isSeq, parseDocument, visit, type Document, type Node } from 'yaml';
import { COLLECTIONS, type CollectionName } from '../core/schemas/common.ts';
import type { PathSegment, Problem } from '../core/problems.ts';

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
  let realContentDir: string | undefined;
  for (const collection of COLLECTIONS) {
    const directory = join(contentDir, collection);
    if (!existsSync(directory)) continue;
    for (const dirent of readdirSync(directory, { withFileTypes: true })) {
      if (dirent.name.startsWith('_') || dirent.name.startsWith('.')) continue;
      const absolutePath = join(directory, dirent.name);
      const file = displayPath(root, absolutePath);
      if (dirent.isSymbolicLink()) {
        realContentDir ??= realpathSync(contentDir);
        const problem = symlinkProblem(absolutePath, realContentDir, root);
        if (problem) {
          problems.push({ level: 'error', file, field: '', rule: 'file-layout', message: problem });
          continue;
        }
      } else if (dirent.isDirectory()) {
        problems.push({
          level: 'warning',
          file,
          field: '',
          rule: 'file-layout',
          message: `is a folder; entries are files directly in ${collection}/ (the file name is the id), so it is ignored`,
        });
        continue;
      } else if (!dirent.isFile()) {
        problems.push({
          level: 'warning',
          file,
          field: '',
          rule: 'file-layout',
          message: `is not a regular file (a socket, pipe or device), so it is ignored; entries are text files in ${collection}/`,
        });
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

/**
 * Why a symlinked entry cannot be read, or `undefined` when it is followed: a link is read as
 * the entry only when it ends at a regular file inside the content folder, so a build never
 * publishes a file from elsewhere on the machine (a link to `~/.ssh/…` or `/etc/…`).
 */
function symlinkProblem(absolutePath: string, realContentDir: string, root: string): string | undefined {
  const link = readlinkSync(absolutePath);
  // Paths inside the project are shown relative to it, like every file path in messages.
  const shown = (path: string) => {
    const inProject = displayPath(root, path);
    return inProject.startsWith('..') || isAbsolute(inProject) ? path : inProject;
  };
  let target: string;
  try {
    target = realpathSync(absolutePath);
  } catch {
    return `is a symlink to "${link}", which does not exist; point it at an entry file inside the content folder, or replace it with the file`;
  }
  const inside = relative(realContentDir, target);
  if (inside === '' || inside.startsWith('..') || inside.startsWith(sep) || /^[a-zA-Z]:/.test(inside)) {
    return `is a symlink to "${link}" (${shown(target)}), outside the content folder ${shown(realContentDir)}/; only links to files inside the content folder are followed, so copy the file in instead`;
  }
  if (!statSync(target).isFile()) {
    return `is a symlink to "${link}", which is a folder, not a file; entries are files, so link to one file or remove the link`;
  }
  return undefined;
}

/**
 * Decodes a file's bytes as UTF-8. Invalid bytes are an error naming the line and byte offset,
 * never a silent U+FFFD in the published page. A byte order mark is kept in the text (so the
 * text equals what `readFileSync(path, 'utf8')` returns, which the loaders compare against) and
 * skipped by `parseSourceFile`.
 */
export function decodeSourceText(
  bytes: Uint8Array,
  file: string,
): { text: string; problem?: undefined } | { text?: undefined; problem: Problem } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes) };
  } catch {
    const offset = firstInvalidUtf8Byte(bytes);
    let line = 1;
    let lineStart = 0;
    for (let i = 0; i < offset; i++) {
      if (bytes[i] === 10) {
        line++;
        lineStart = i + 1;
      }
    }
    const hex = `0x${bytes[offset].toString(16).toUpperCase().padStart(2, '0')}`;
    return {
      problem: {
        level: 'error',
        file,
        field: '',
        line,
        rule: 'encoding',
        message: `is not valid UTF-8: byte ${hex} at byte offset ${offset} (line ${line}, byte ${offset - lineStart + 1} of the line) is not part of a UTF-8 character; save the file as UTF-8 (it was probably written as Latin-1 or Windows-1252)`,
      },
    };
  }
}

/**
 * The offset of the first byte that does not decode. The lenient decoder marks it with U+FFFD;
 * a U+FFFD the author wrote (bytes EF BF BD) is skipped by checking the bytes behind each one.
 */
function firstInvalidUtf8Byte(bytes: Uint8Array): number {
  const lenient = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
  const encoder = new TextEncoder();
  let byteOffset = 0;
  let charOffset = 0;
  for (let index = lenient.indexOf('\uFFFD'); index >= 0; index = lenient.indexOf('\uFFFD', index + 1)) {
    byteOffset += encoder.encode(lenient.slice(charOffset, index)).length;
    // A U+FFFD written in the file itself is valid UTF-8 (EF BF BD): step over it.
    if (bytes[byteOffset] === 0xef && bytes[byteOffset + 1] === 0xbf && bytes[byteOffset + 2] === 0xbd) {
      byteOffset += 3;
      charOffset = index + 1;
      continue;
    }
    return byteOffset;
  }
  return 0;
}

/** Reads a file as UTF-8 text, or the problem that stops it from being read. */
export function readSourceText(source: Pick<SourceFile, 'absolutePath' | 'file'>): ReturnType<typeof decodeSourceText> {
  return decodeSourceText(readFileSync(source.absolutePath), source.file);
}

const FRONTMATTER_OPEN = /^---[ \t]*\r?\n/;
// `\r?` so a file with CRLF line endings closes its frontmatter too.
const FRONTMATTER_CLOSE = /^---[ \t]*\r?$/m;
const BYTE_ORDER_MARK = '\uFEFF';

/** A Markdown or MDX file's frontmatter and body, split without parsing the YAML. */
export interface FrontmatterSplit {
  yaml: string;
  body: string;
  /** 1-based lines where the YAML and the body start. */
  yamlLine: number;
  bodyLine: number;
  /** Which `---` line is missing; the YAML is then empty and the body is the rest of the file. */
  missing?: 'open' | 'close';
}

/** Splits a Markdown or MDX file (without its byte order mark) at its `---` lines. */
export function splitFrontmatter(content: string): FrontmatterSplit {
  const open = FRONTMATTER_OPEN.exec(content);
  const rest = open ? content.slice(open[0].length) : '';
  const close = open ? FRONTMATTER_CLOSE.exec(rest) : null;
  if (!open || !close) return { yaml: '', body: open ? rest : content, yamlLine: 1, bodyLine: 1, missing: open ? 'close' : 'open' };
  const yaml = rest.slice(0, close.index);
  const body = rest.slice(close.index + close[0].length).replace(/^\r?\n/, '');
  return { yaml, body, yamlLine: 2, bodyLine: 2 + countLines(yaml) + 1 };
}

/** The text of a file without the byte order mark editors on Windows save (it is not content, nor a line). */
export function withoutByteOrderMark(text: string): string {
  return text.startsWith(BYTE_ORDER_MARK) ? text.slice(1) : text;
}

/** Reads and parses one file; syntax problems are returned, never thrown. */
export function parseSourceFile(
  source: SourceFile,
  text = readFileSync(source.absolutePath, 'utf8'),
): { parsed: ParsedFile; problems: Problem[] } {
  const problems: Problem[] = [];
  const isYamlFile = source.extension === '.yaml' || source.extension === '.yml';
  const content = withoutByteOrderMark(text);
  let yamlText = content;
  let body = '';
  let yamlLine = 1;
  let bodyLine = 1;
  /** Without a frontmatter block there are no fields to check: "title is required" and the like would only repeat the problem. */
  let noFrontmatter = false;
  if (!isYamlFile) {
    const split = splitFrontmatter(content);
    ({ yaml: yamlText, body, yamlLine, bodyLine } = split);
    if (split.missing) {
      problems.push({
        level: 'error',
        file: source.file,
        field: '',
        line: 1,
        rule: 'frontmatter',
        message:
          split.missing === 'close'
            ? 'has no closing "---" line after its frontmatter; end the YAML block with a line containing only ---'
            : 'has no frontmatter; start the file with a line "---", the YAML fields, and another "---" line',
      });
      noFrontmatter = true;
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
  let data: unknown;
  if (!document.errors.length && !noFrontmatter) {
    try {
      data = document.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) ?? {};
    } catch (error) {
      problems.push(aliasProblem(document, error, source, lineCounter, yamlLine));
    }
  }
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

/**
 * The `yaml` package's guard against "billion laughs" documents: a few lines of nested aliases
 * that expand to millions of values. 100 is far above what hand-written frontmatter needs.
 */
const MAX_ALIAS_COUNT = 100;

/**
 * `toJS` throws on an alias bomb and on an alias without an anchor, without a position: the
 * problem points at the first nested alias (the bomb's amplifier) or at the unresolved alias.
 */
function aliasProblem(document: Document, error: unknown, source: SourceFile, lineCounter: LineCounter, yamlLine: number): Problem {
  const reason = error instanceof Error ? error.message : String(error);
  const unresolved = /^Unresolved alias[^:]*: (.+)$/.exec(reason)?.[1];
  const aliases: { name: string; offset: number; nested: boolean }[] = [];
  const anchored = new Map<string, Node>();
  visit(document, (_key, node) => {
    if (isAlias(node)) {
      const target = anchored.get(node.source);
      let nested = false;
      if (target) {
        visit(target, (_innerKey, inner) => {
          if (!isAlias(inner)) return undefined;
          nested = true;
          return visit.BREAK;
        });
      }
      aliases.push({ name: node.source, offset: node.range?.[0] ?? 0, nested });
    } else if ((node as Node | null)?.anchor) anchored.set((node as Node).anchor!, node as Node);
  });
  const bomb = /excessive alias count/i.test(reason);
  const at = unresolved
    ? aliases.find((alias) => alias.name === unresolved)
    : bomb
      ? (aliases.find((alias) => alias.nested) ?? aliases[0])
      : undefined;
  const line = at ? lineCounter.linePos(at.offset).line + yamlLine - 1 : yamlLine;
  const message = unresolved
    ? `YAML alias *${unresolved} has no anchor &${unresolved} before it; define the anchor first or write the value out`
    : bomb
      ? `YAML aliases expand to too many values (more than ${MAX_ALIAS_COUNT} alias uses, as in an "alias bomb"); write the values out instead of nesting aliases`
      : `YAML cannot be read: ${reason.split('\n')[0]}`;
  return { level: 'error', file: source.file, field: '', line, rule: 'yaml-syntax', message };
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
