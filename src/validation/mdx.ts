/**
 * What an entry body contains, read once from its syntax tree: whether it needs MDX at all,
 * whether it uses Almanac's components correctly, whether it carries code, and which links it
 * makes. Bodies are content, not programs: `import`/`export`, `{expressions}` and expression
 * props would run at build time (with the build's environment, CI secrets included), so they are
 * validation errors unless a site opts in for its internal build, and `rewriteBody` removes
 * them before any MDX module is compiled, whatever validation said.
 *
 * A body with no JSX, no expressions and no import/export is plain Markdown: it renders to the
 * same HTML through the Markdown processor at content-sync time, which is cached between builds
 * and skips compiling a JavaScript module per entry.
 */
import { markdownToMdast, mdxToMdast } from 'satteri';
import type { BodyLink } from '../core/entry.ts';
import { explainDateTime } from '../core/time.ts';

const MDX_ONLY_NODES = new Set(['mdxJsxFlowElement', 'mdxJsxTextElement', 'mdxFlowExpression', 'mdxTextExpression', 'mdxjsEsm']);

/** The components every body may use without an import (src/components/mdx/). */
export const MDX_COMPONENTS = ['Callout', 'Timeline', 'Event', 'Question'] as const;
export const CALLOUT_TYPES = ['note', 'tip', 'warning', 'danger'] as const;

/** HTML elements that embed or run something else; a body is prose and never needs them. */
const ACTIVE_ELEMENTS = new Set(['script', 'iframe', 'object', 'embed', 'frame', 'frameset', 'base', 'form', 'meta', 'link', 'style']);
/** Attributes of HTML and JSX elements that hold a URL. */
const URL_ATTRIBUTES = new Set(['href', 'src', 'action', 'formaction', 'poster', 'cite', 'srcset', 'xlink:href']);

interface Point {
  line: number;
  column: number;
  offset?: number;
}
interface MdastNode {
  type: string;
  name?: string | null;
  value?: unknown;
  url?: string;
  attributes?: { type: string; name?: string; value?: unknown }[];
  children?: MdastNode[];
  position?: { start: Point; end: Point };
}

/** A problem in a body, at a 1-based line and column of the body. */
export interface BodyProblem {
  line: number;
  column: number;
  message: string;
}

export interface BodyInspection {
  /** No MDX-only syntax: the body is plain Markdown. */
  plain: boolean;
  /** Misused components (unknown names, invalid props). */
  components: BodyProblem[];
  /** Code the body would run at build time: import/export, expressions, expression props. */
  code: BodyProblem[];
  /** Active HTML (script, iframe, event handlers): never allowed in a body. */
  html: BodyProblem[];
  links: BodyLink[];
  /** Open questions marked with `<Question>`: their text, in order, for the review pack. */
  questions: { text: string; line: number; column: number }[];
}

/** The text of a node and its descendants, as a reader sees it (no markup). */
function textOf(node: MdastNode): string {
  if ((node.type === 'text' || node.type === 'inlineCode') && typeof node.value === 'string') return node.value;
  const parts = (node.children ?? []).map(textOf);
  // Paragraphs inside a flow element are separate sentences.
  return node.type === 'mdxJsxFlowElement' ? parts.filter(Boolean).join(' ') : parts.join('');
}

/** `{/* … *\/}`: an expression that is only a comment evaluates to nothing; authors use it for lint opt-outs. */
export function isCommentExpression(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const trimmed = value.trim();
  if (trimmed === '') return true;
  return /^\/\*[\s\S]*\*\/$/.test(trimmed) && trimmed.indexOf('*/') === trimmed.length - 2;
}

const CODE_HINT = 'bodies are content, not programs';

/**
 * Parses a body (MDX unless `markdown` is set) and reads everything the checks need. Throws the
 * parser's error (with `line:column`) when the body is not valid MDX.
 */
export function inspectMdx(body: string, options: { markdown?: boolean } = {}): BodyInspection {
  const tree = parseBody(body, options.markdown ?? false);
  const inspection: BodyInspection = { plain: true, components: [], code: [], html: [], links: [], questions: [] };
  const imported = new Set<string>();
  const visit = (node: MdastNode, inTimeline: boolean) => {
    if (MDX_ONLY_NODES.has(node.type)) inspection.plain = false;
    const line = node.position?.start.line ?? 1;
    const column = node.position?.start.column ?? 1;
    const report = (list: BodyProblem[], message: string) => list.push({ line, column, message });
    if (node.type === 'mdxjsEsm' && typeof node.value === 'string') {
      for (const match of node.value.matchAll(/\b([A-Z][A-Za-z0-9_]*)\b/g)) imported.add(match[1]);
      const keyword = /^\s*export\b/.test(node.value) ? 'export' : 'import';
      report(
        inspection.code,
        `"${keyword}" is code run at build time (${CODE_HINT}); remove it: ${MDX_COMPONENTS.join(', ')} need no import, and data belongs in the frontmatter`,
      );
    }
    if ((node.type === 'mdxFlowExpression' || node.type === 'mdxTextExpression') && !isCommentExpression(node.value)) {
      const source = String(node.value ?? '').trim();
      report(
        inspection.code,
        `{${abbreviate(source)}} is an expression run at build time (${CODE_HINT}); write the text itself, or escape the brace as \\{ to show it literally`,
      );
    }
    if (node.type === 'link' || node.type === 'image' || node.type === 'definition') {
      if (typeof node.url === 'string') inspection.links.push({ url: node.url, line, column });
    }
    if (node.type === 'html' && typeof node.value === 'string') inspectHtml(node.value, line, column, inspection);
    const name = node.name ?? '';
    if (node.type === 'mdxJsxFlowElement' || node.type === 'mdxJsxTextElement') {
      for (const attribute of node.attributes ?? []) {
        if (attribute.type === 'mdxJsxExpressionAttribute') {
          report(
            inspection.code,
            `<${name} {${abbreviate(String(attribute.value ?? ''))}}> spreads an expression run at build time (${CODE_HINT}); write each prop as a literal, e.g. type="note"`,
          );
          continue;
        }
        const value = attribute.value;
        if (value && typeof value === 'object') {
          report(
            inspection.code,
            `<${name} ${attribute.name}={…}> is an expression prop run at build time (${CODE_HINT}); write a literal value: ${attribute.name}="…"`,
          );
          continue;
        }
        const attributeName = (attribute.name ?? '').toLowerCase();
        if (/^on/.test(attributeName))
          report(
            inspection.html,
            `<${name} ${attribute.name}> is an event handler: scripts are not allowed in a body; remove the attribute`,
          );
        if (URL_ATTRIBUTES.has(attributeName) && typeof value === 'string') inspection.links.push({ url: value, line, column });
      }
      if (ACTIVE_ELEMENTS.has(name.toLowerCase()))
        report(inspection.html, `<${name}> is not allowed in a body: it embeds or runs something other than text; link to it instead`);
    }
    if ((node.type === 'mdxJsxFlowElement' || node.type === 'mdxJsxTextElement') && /^[A-Z]/.test(name)) {
      const attribute = (key: string) => node.attributes?.find((a) => a.type === 'mdxJsxAttribute' && a.name === key)?.value;
      if (name === 'Callout') {
        const type = attribute('type');
        if (typeof type === 'string' && !(CALLOUT_TYPES as readonly string[]).includes(type)) {
          report(inspection.components, `<Callout type="${type}">: type must be one of ${CALLOUT_TYPES.join(', ')}`);
        }
      } else if (name === 'Event') {
        const when = attribute('at');
        if (typeof when !== 'string') {
          if (when === undefined || when === null)
            report(inspection.components, '<Event> needs at="<datetime with offset>", e.g. <Event at="2026-03-02T09:14:00Z">');
        } else {
          const problem = explainDateTime(when);
          if (problem) report(inspection.components, `<Event at="${when}">: ${problem}`);
        }
        if (!inTimeline) report(inspection.components, '<Event> must stand inside a <Timeline> … </Timeline>');
      } else if (name === 'Question') {
        const text = textOf(node).replace(/\s+/g, ' ').trim();
        if (text === '')
          report(
            inspection.components,
            '<Question> needs the question as its text, e.g. <Question>Why did the retry storm not trip the breaker?</Question>',
          );
        else inspection.questions.push({ text, line, column });
      } else if (name !== 'Timeline' && !imported.has(name)) {
        report(inspection.components, `<${name}> is not an Almanac component; use ${MDX_COMPONENTS.join(', ')}`);
      }
    }
    for (const child of node.children ?? []) visit(child, inTimeline || name === 'Timeline');
  };
  // Imports come first in a body, so the names they define are known before they are used.
  for (const child of tree.children ?? []) if (child.type === 'mdxjsEsm') visit(child, false);
  for (const child of tree.children ?? []) if (child.type !== 'mdxjsEsm') visit(child, false);
  return inspection;
}

function parseBody(body: string, markdown: boolean): MdastNode {
  const options = { position: true } as Parameters<typeof mdxToMdast>[1];
  return (markdown ? markdownToMdast(body, options as Parameters<typeof markdownToMdast>[1]) : mdxToMdast(body, options)) as MdastNode;
}

/** Raw HTML in a Markdown (.md) body: the same rules as JSX elements in MDX. */
function inspectHtml(html: string, line: number, column: number, inspection: BodyInspection) {
  for (const tag of html.matchAll(/<([A-Za-z][A-Za-z0-9-]*)([^>]*)>/g)) {
    const [, name, attributes] = tag;
    if (ACTIVE_ELEMENTS.has(name.toLowerCase()))
      inspection.html.push({
        line,
        column,
        message: `<${name}> is not allowed in a body: it embeds or runs something other than text; link to it instead`,
      });
    for (const attribute of attributes.matchAll(/([A-Za-z:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/g)) {
      const attributeName = attribute[1].toLowerCase();
      const value = attribute[2] ?? attribute[3] ?? attribute[4] ?? '';
      if (attributeName.startsWith('on'))
        inspection.html.push({
          line,
          column,
          message: `<${name} ${attribute[1]}> is an event handler: scripts are not allowed in a body; remove the attribute`,
        });
      if (URL_ATTRIBUTES.has(attributeName)) inspection.links.push({ url: value, line, column });
    }
  }
}

function abbreviate(source: string): string {
  const oneLine = source.replace(/\s+/g, ' ');
  return oneLine.length > 40 ? `${oneLine.slice(0, 37)}…` : oneLine;
}

/** `true` when the body is valid MDX and uses no MDX-only syntax; `false` otherwise. */
export function isPlainMarkdown(body: string): boolean {
  try {
    return inspectMdx(body).plain;
  } catch {
    return false;
  }
}

/** How `rewriteBody` treats a body before it is rendered. */
export interface BodyRewrite {
  /** Blank out code (import/export, expressions, elements with expression props). */
  stripCode: boolean;
  /** Whether a link target names a page this build does not publish; such links become text. */
  isHiddenLink?: (url: string) => boolean;
  /** Parse as Markdown (`.md`) instead of MDX. */
  markdown?: boolean;
}

/**
 * The body source as the build renders it: code blanked out (kept as spaces, with line breaks, so
 * positions in errors stay right) and links to unpublished pages reduced to their text. It is
 * applied to every body before it is rendered or compiled, so a body's code never runs, even when
 * validation was skipped or its errors are being shown in `astro dev`. `offset` is where the body
 * starts in `source` (after the frontmatter). A body that does not parse is returned unchanged:
 * the compiler rejects it with the same error.
 */
export function rewriteBody(source: string, offset: number, options: BodyRewrite): string {
  let tree: MdastNode;
  try {
    tree = parseBody(source.slice(offset), options.markdown ?? false);
  } catch {
    return source;
  }
  const edits: { start: number; end: number; text: string }[] = [];
  const blank = (start: number, end: number) => edits.push({ start, end, text: source.slice(start, end).replace(/[^\n]/g, ' ') });
  const hidden = options.isHiddenLink ?? (() => false);
  const hiddenDefinitions = new Set<string>();
  const collect = (node: MdastNode) => {
    if (node.type === 'definition' && typeof node.url === 'string' && hidden(node.url))
      hiddenDefinitions.add(String((node as { identifier?: string }).identifier ?? '').toLowerCase());
    for (const child of node.children ?? []) collect(child);
  };
  collect(tree);
  const visit = (node: MdastNode) => {
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    if (start === undefined || end === undefined) return;
    const isElement = node.type === 'mdxJsxFlowElement' || node.type === 'mdxJsxTextElement';
    const isCode =
      node.type === 'mdxjsEsm' ||
      ((node.type === 'mdxFlowExpression' || node.type === 'mdxTextExpression') && !isCommentExpression(node.value)) ||
      (isElement &&
        (node.attributes ?? []).some(
          (attribute) =>
            attribute.type === 'mdxJsxExpressionAttribute' || (attribute.value !== null && typeof attribute.value === 'object'),
        ));
    if (options.stripCode && isCode) return blank(start + offset, end + offset);
    const href = isElement && node.name === 'a' ? node.attributes?.find((attribute) => attribute.name === 'href')?.value : undefined;
    const linkHidden =
      (node.type === 'link' && typeof node.url === 'string' && hidden(node.url)) ||
      (typeof href === 'string' && hidden(href)) ||
      (node.type === 'linkReference' && hiddenDefinitions.has(String((node as { identifier?: string }).identifier ?? '').toLowerCase()));
    if (linkHidden) {
      const children = node.children ?? [];
      const first = children[0]?.position?.start.offset;
      const last = children.at(-1)?.position?.end.offset;
      const text = first === undefined || last === undefined ? '' : source.slice(first + offset, last + offset);
      edits.push({ start: start + offset, end: end + offset, text });
      return;
    }
    if (node.type === 'definition' && hiddenDefinitions.has(String((node as { identifier?: string }).identifier ?? '').toLowerCase()))
      return blank(start + offset, end + offset);
    for (const child of node.children ?? []) visit(child);
  };
  for (const child of tree.children ?? []) visit(child);
  if (edits.length === 0) return source;
  let result = '';
  let cursor = 0;
  for (const edit of edits.sort((a, b) => a.start - b.start)) {
    if (edit.start < cursor) continue;
    result += source.slice(cursor, edit.start) + edit.text;
    cursor = edit.end;
  }
  return result + source.slice(cursor);
}
