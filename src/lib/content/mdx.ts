/**
 * What an MDX body needs. A body with no JSX, no expressions and no import/export is plain
 * Markdown: it renders to the same HTML through the Markdown processor at content-sync time,
 * which is cached by digest between builds and skips compiling a JavaScript module per entry.
 */
import { mdxToMdast } from 'satteri';

const MDX_ONLY_NODES = new Set(['mdxJsxFlowElement', 'mdxJsxTextElement', 'mdxFlowExpression', 'mdxTextExpression', 'mdxjsEsm']);

interface MdastNode {
  type: string;
  children?: MdastNode[];
}

function usesMdx(node: MdastNode): boolean {
  if (MDX_ONLY_NODES.has(node.type)) return true;
  return node.children?.some(usesMdx) ?? false;
}

/**
 * Parses an MDX body: `plain` tells whether it uses no MDX-only syntax. Throws the parser's error
 * (with `line:column`) when the body is not valid MDX.
 */
export function inspectMdx(body: string): { plain: boolean } {
  return { plain: !usesMdx(mdxToMdast(body) as MdastNode) };
}

/** `true` when the body is valid MDX and uses no MDX-only syntax; `false` otherwise. */
export function isPlainMarkdown(body: string): boolean {
  try {
    return inspectMdx(body).plain;
  } catch {
    return false;
  }
}
