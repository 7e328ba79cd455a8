/**
 * A tiny strict XML parser for tests: it throws on anything that is not well-formed XML 1.0
 * (unbalanced or crossed tags, unquoted or repeated attributes, a raw `<` or a stray `&` in text,
 * unknown entities, characters XML forbids, more than one root), and returns the element tree
 * with entities decoded. Enough for feeds and sitemaps; no DTDs, no namespace processing.
 */

export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  /** Text content of this element alone (not its descendants), entities decoded. */
  text: string;
}

const NAME = /^[A-Za-z_][A-Za-z0-9._:-]*/;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

export class XmlError extends Error {}

function decode(raw: string, where: number): string {
  if (raw.includes('<')) throw new XmlError(`raw "<" in text at ${where}`);
  if (FORBIDDEN.test(raw)) throw new XmlError(`a character XML forbids at ${where}`);
  return raw.replace(/&([^;&\s]*);?/g, (match, name: string) => {
    if (!match.endsWith(';')) throw new XmlError(`stray "&" at ${where}: ${JSON.stringify(match)}`);
    if (name in ENTITIES) return ENTITIES[name];
    const numeric = /^#(?:x([0-9a-fA-F]+)|([0-9]+))$/.exec(name);
    if (numeric) return String.fromCodePoint(numeric[1] ? parseInt(numeric[1], 16) : Number(numeric[2]));
    throw new XmlError(`unknown entity &${name}; at ${where}`);
  });
}

/** Parses a document; throws `XmlError` when it is not well-formed. */
export function parseXml(source: string): XmlElement {
  let index = 0;
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  if (source.startsWith('\uFEFF')) index = 1;
  if (source.startsWith('<?xml', index)) {
    const end = source.indexOf('?>', index);
    if (end < 0) throw new XmlError('unterminated XML declaration');
    if (!/^<\?xml\s+version="1\.[0-9]"(\s+encoding="[A-Za-z0-9._-]+")?(\s+standalone="(yes|no)")?\s*$/.test(source.slice(index, end))) {
      throw new XmlError('malformed XML declaration');
    }
    index = end + 2;
  }
  while (index < source.length) {
    const next = source.indexOf('<', index);
    const text = source.slice(index, next < 0 ? source.length : next);
    if (stack.length) stack[stack.length - 1].text += decode(text, index);
    else if (text.trim()) throw new XmlError(`text outside the root element at ${index}`);
    if (next < 0) break;
    index = next;
    if (source.startsWith('<!--', index)) {
      const end = source.indexOf('-->', index + 4);
      if (end < 0) throw new XmlError('unterminated comment');
      index = end + 3;
    } else if (source.startsWith('<![CDATA[', index)) {
      if (!stack.length) throw new XmlError('CDATA outside the root element');
      const end = source.indexOf(']]>', index);
      if (end < 0) throw new XmlError('unterminated CDATA');
      stack[stack.length - 1].text += source.slice(index + 9, end);
      index = end + 3;
    } else if (source.startsWith('<?', index)) {
      const end = source.indexOf('?>', index);
      if (end < 0) throw new XmlError('unterminated processing instruction');
      index = end + 2;
    } else if (source.startsWith('<!', index)) {
      throw new XmlError(`DTDs are not supported here (at ${index})`);
    } else if (source.startsWith('</', index)) {
      const name = NAME.exec(source.slice(index + 2))?.[0];
      const end = source.indexOf('>', index);
      if (!name || end < 0 || source.slice(index + 2 + name.length, end).trim()) throw new XmlError(`malformed end tag at ${index}`);
      const open = stack.pop();
      if (!open || open.name !== name) throw new XmlError(`</${name}> closes <${open?.name ?? 'nothing'}> at ${index}`);
      index = end + 1;
    } else {
      const name = NAME.exec(source.slice(index + 1))?.[0];
      if (!name) throw new XmlError(`malformed start tag at ${index}`);
      index += 1 + name.length;
      const element: XmlElement = { name, attributes: {}, children: [], text: '' };
      for (;;) {
        const space = /^\s*/.exec(source.slice(index))![0];
        index += space.length;
        if (source.startsWith('/>', index) || source.startsWith('>', index)) break;
        if (!space) throw new XmlError(`attributes need white space between them at ${index}`);
        const attribute = /^([A-Za-z_][A-Za-z0-9._:-]*)\s*=\s*("([^"<]*)"|'([^'<]*)')/.exec(source.slice(index));
        if (!attribute) throw new XmlError(`malformed attribute at ${index}`);
        if (attribute[1] in element.attributes) throw new XmlError(`repeated attribute ${attribute[1]} at ${index}`);
        element.attributes[attribute[1]] = decode(attribute[3] ?? attribute[4], index);
        index += attribute[0].length;
      }
      const selfClosing = source.startsWith('/>', index);
      index += selfClosing ? 2 : 1;
      if (stack.length) stack[stack.length - 1].children.push(element);
      else if (root) throw new XmlError(`a second root element <${name}>`);
      else root = element;
      if (!selfClosing) stack.push(element);
    }
  }
  if (stack.length) throw new XmlError(`<${stack[stack.length - 1].name}> is never closed`);
  if (!root) throw new XmlError('no root element');
  return root;
}

/** Children with a name. */
export function childrenNamed(element: XmlElement, name: string): XmlElement[] {
  return element.children.filter((child) => child.name === name);
}

/** The text of the one child with a name, or undefined. */
export function childText(element: XmlElement, name: string): string | undefined {
  return element.children.find((child) => child.name === name)?.text;
}
