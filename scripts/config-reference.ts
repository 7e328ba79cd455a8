/**
 * The configuration reference, docs/configuration.md, generated from the schema of almanac.yaml
 * (src/core/schemas/config.ts): every key with its JSDoc and its default, so the reference can
 * never drift from what the build accepts. A unit test compares the committed file with this
 * output; `npm run docs` writes it.
 */
import ts from 'typescript';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { siteConfigSchema } from '../src/core/schemas/config.ts';

export const SCHEMA_FILE = join(import.meta.dirname, '..', 'src', 'core', 'schemas', 'config.ts');
export const REFERENCE_FILE = join(import.meta.dirname, '..', 'docs', 'configuration.md');

interface Key {
  path: string;
  doc: string;
}

/** The JSDoc text written just before a node, as one line. */
function jsDocOf(node: ts.Node, source: ts.SourceFile): string {
  const ranges = ts.getLeadingCommentRanges(source.text, node.getFullStart()) ?? [];
  const docs = ranges.map((range) => source.text.slice(range.pos, range.end)).filter((text) => text.startsWith('/**'));
  const last = docs.at(-1);
  if (!last) return '';
  return last
    .replace(/^\/\*\*|\*\/$/g, '')
    .split('\n')
    .map((line) => line.replace(/^\s*\* ?/, '').trim())
    .filter(Boolean)
    .join(' ');
}

/** Follows `name` to the initializer of a `const name = …` in the file. */
function declarationOf(name: string, source: ts.SourceFile): ts.Expression | undefined {
  let found: ts.Expression | undefined;
  source.forEachChild(function visit(node) {
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.name.text === name && node.initializer)
      found = node.initializer;
    else node.forEachChild(visit);
  });
  return found;
}

/** The object literal of the first `strictObject({ … })` inside an expression (following consts and arrow bodies). */
function objectShape(
  expression: ts.Node,
  source: ts.SourceFile,
  seen = new Set<string>(),
): { shape?: ts.ObjectLiteralExpression; list: boolean } {
  let shape: ts.ObjectLiteralExpression | undefined;
  let list = false;
  const visit = (node: ts.Node): void => {
    if (shape) return;
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
      const method = node.expression.name.text;
      if (method === 'array') list = true;
      if ((method === 'strictObject' || method === 'object') && node.arguments[0] && ts.isObjectLiteralExpression(node.arguments[0])) {
        shape = node.arguments[0];
        return;
      }
    }
    if (ts.isIdentifier(node) && !seen.has(node.text)) {
      const declaration = declarationOf(node.text, source);
      if (declaration && declaration !== expression) {
        seen.add(node.text);
        const inner = objectShape(declaration, source, seen);
        if (inner.shape) {
          shape = inner.shape;
          return;
        }
      }
    }
    node.forEachChild(visit);
  };
  visit(expression);
  return { shape, list };
}

function keysOf(shape: ts.ObjectLiteralExpression, source: ts.SourceFile, prefix: string): Key[] {
  const keys: Key[] = [];
  for (const property of shape.properties) {
    if (!ts.isPropertyAssignment(property) || !ts.isIdentifier(property.name)) continue;
    const path = prefix + property.name.text;
    keys.push({ path, doc: jsDocOf(property, source) });
    const inner = objectShape(property.initializer, source);
    if (inner.shape) keys.push(...keysOf(inner.shape, source, `${path}${inner.list ? '[]' : ''}.`));
  }
  return keys;
}

/** The default of a key path (`a.b`, `list[].x` has none of its own), as inline YAML. */
function defaultOf(path: string, defaults: unknown): string {
  if (path.includes('[]')) return '';
  let value: unknown = defaults;
  for (const part of path.split('.')) value = value && typeof value === 'object' ? (value as Record<string, unknown>)[part] : undefined;
  if (value === undefined) return 'none';
  if (Array.isArray(value) && value.every((item) => item && typeof item === 'object' && 'id' in item))
    return value.map((item) => `\`${(item as { id: string }).id}\``).join(', ');
  if (value && typeof value === 'object') return '';
  return `\`${stringify(value, { lineWidth: 0 }).trim()}\``;
}

export function configurationReference(): string {
  const source = ts.createSourceFile(SCHEMA_FILE, readFileSync(SCHEMA_FILE, 'utf8'), ts.ScriptTarget.Latest, true);
  const root = declarationOf('siteConfigSchema', source);
  const shape = root && objectShape(root, source).shape;
  if (!shape) throw new Error(`${SCHEMA_FILE}: siteConfigSchema is no longer a z.strictObject({ … }); update scripts/config-reference.ts`);
  const defaults = siteConfigSchema.parse({});
  const cell = (text: string) => text.replace(/\|/g, '\\|');
  const rows = keysOf(shape, source, '').map((key) => `| \`${key.path}\` | ${cell(defaultOf(key.path, defaults))} | ${cell(key.doc)} |`);
  return [
    '# Configuration reference: `almanac.yaml`',
    '',
    '<!-- Generated from src/core/schemas/config.ts by `npm run docs`; edit the JSDoc there, not this file. -->',
    '',
    'The file sits at the root of the content folder, so a handbook kept elsewhere carries its own.',
    'Every key is optional: a folder without the file builds with the defaults below. A key of a',
    'list item is written `list[].key`. An unknown key is an error that names the valid ones.',
    '',
    '| key | default | meaning |',
    '|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}
