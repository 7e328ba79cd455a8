/**
 * What an MDX body needs, and whether it uses Almanac's components correctly. A body with no
 * JSX, no expressions and no import/export is plain Markdown: it renders to the same HTML through
 * the Markdown processor at content-sync time, which is cached between builds and skips compiling
 * a JavaScript module per entry.
 */
import { mdxToMdast } from 'satteri';
import { explainDateTime } from '../time.ts';

const MDX_ONLY_NODES = new Set(['mdxJsxFlowElement', 'mdxJsxTextElement', 'mdxFlowExpression', 'mdxTextExpression', 'mdxjsEsm']);

/** The components every body may use without an import (src/components/mdx/). */
export const MDX_COMPONENTS = ['Callout', 'Timeline', 'Event'] as const;
export const CALLOUT_TYPES = ['note', 'tip', 'warning', 'danger'] as const;

interface MdastNode {
  type: string;
  name?: string | null;
  value?: unknown;
  attributes?: { type: string; name?: string; value?: unknown }[];
  children?: MdastNode[];
  position?: { start: { line: number; column: number } };
}

/** A misuse of a component, at a 1-based line and column of the body. */
export interface ComponentProblem {
  line: number;
  column: number;
  message: string;
}

export interface MdxInspection {
  /** No MDX-only syntax: the body is plain Markdown. */
  plain: boolean;
  components: ComponentProblem[];
}

/**
 * Parses an MDX body and checks its components. Throws the parser's error (with `line:column`)
 * when the body is not valid MDX.
 */
export function inspectMdx(body: string): MdxInspection {
  const tree = mdxToMdast(body, { position: true } as Parameters<typeof mdxToMdast>[1]) as MdastNode;
  const problems: ComponentProblem[] = [];
  let plain = true;
  const imported = new Set<string>();
  const visit = (node: MdastNode, inTimeline: boolean) => {
    if (MDX_ONLY_NODES.has(node.type)) plain = false;
    if (node.type === 'mdxjsEsm' && typeof node.value === 'string') {
      for (const match of node.value.matchAll(/\b([A-Z][A-Za-z0-9_]*)\b/g)) imported.add(match[1]);
    }
    const at = (message: string) => problems.push({ line: node.position?.start.line ?? 1, column: node.position?.start.column ?? 1, message });
    const name = node.name ?? '';
    if ((node.type === 'mdxJsxFlowElement' || node.type === 'mdxJsxTextElement') && /^[A-Z]/.test(name)) {
      const attribute = (key: string) => node.attributes?.find((a) => a.type === 'mdxJsxAttribute' && a.name === key)?.value;
      if (name === 'Callout') {
        const type = attribute('type');
        if (typeof type === 'string' && !(CALLOUT_TYPES as readonly string[]).includes(type)) {
          at(`<Callout type="${type}">: type must be one of ${CALLOUT_TYPES.join(', ')}`);
        }
      } else if (name === 'Event') {
        const when = attribute('at');
        if (typeof when !== 'string') at('<Event> needs at="<datetime with offset>", e.g. <Event at="2026-03-02T09:14:00Z">');
        else {
          const problem = explainDateTime(when);
          if (problem) at(`<Event at="${when}">: ${problem}`);
        }
        if (!inTimeline) at('<Event> must stand inside a <Timeline> … </Timeline>');
      } else if (name !== 'Timeline' && !imported.has(name)) {
        at(`<${name}> is not an Almanac component; use ${MDX_COMPONENTS.join(', ')}, or import it at the top of the file`);
      }
    }
    for (const child of node.children ?? []) visit(child, inTimeline || name === 'Timeline');
  };
  // Imports come first in a body, so the names they define are known before they are used.
  for (const child of tree.children ?? []) if (child.type === 'mdxjsEsm') visit(child, false);
  for (const child of tree.children ?? []) if (child.type !== 'mdxjsEsm') visit(child, false);
  return { plain, components: problems };
}

/** `true` when the body is valid MDX and uses no MDX-only syntax; `false` otherwise. */
export function isPlainMarkdown(body: string): boolean {
  try {
    return inspectMdx(body).plain;
  } catch {
    return false;
  }
}
