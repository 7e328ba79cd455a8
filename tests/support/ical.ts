/**
 * A small strict iCalendar (RFC 5545) reader for tests. It throws on: a line break that is not
 * CRLF, a physical line over 75 octets, a content line without `name:value`, unbalanced
 * BEGIN/END, and (in TEXT properties) an unescaped `;` or `,` or an unknown backslash escape.
 * It returns the component tree with TEXT values unescaped.
 */

export interface IcalProperty {
  name: string;
  params: Record<string, string>;
  /** Raw value as written (after unfolding). */
  raw: string;
  /** TEXT properties unescaped; others as written. */
  value: string;
}

export interface IcalComponent {
  name: string;
  properties: IcalProperty[];
  components: IcalComponent[];
}

/** Properties whose value type is TEXT (a single value). */
const TEXT = new Set(['SUMMARY', 'DESCRIPTION', 'LOCATION', 'COMMENT', 'NAME', 'X-WR-CALNAME', 'X-WR-CALDESC']);
/** Properties whose value is a comma-separated TEXT list. */
const TEXT_LIST = new Set(['CATEGORIES']);

export class IcalError extends Error {}

/** Undoes TEXT escaping; throws on `;`/`,` left unescaped (unless `list` allows `,` as separator). */
export function unescapeText(raw: string, list = false): string {
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const char = raw[i];
    if (char === '\\') {
      const next = raw[++i];
      if (next === 'n' || next === 'N') out += '\n';
      else if (next === '\\' || next === ';' || next === ',') out += next;
      else throw new IcalError(`unknown escape \\${next ?? ''} in ${JSON.stringify(raw)}`);
    } else if (char === ';' || (char === ',' && !list)) {
      throw new IcalError(`unescaped "${char}" in TEXT ${JSON.stringify(raw)}`);
    } else {
      out += char;
    }
  }
  return out;
}

/** Physical lines (without CRLF); throws on a bare LF/CR or a line over 75 octets. */
export function physicalLines(source: string): string[] {
  if (!source.endsWith('\r\n')) throw new IcalError('the calendar does not end with CRLF');
  const lines = source.slice(0, -2).split('\r\n');
  lines.forEach((line, index) => {
    if (/[\r\n]/.test(line)) throw new IcalError(`line ${index + 1} has a bare CR or LF`);
    const octets = Buffer.byteLength(line, 'utf8');
    if (octets > 75) throw new IcalError(`line ${index + 1} is ${octets} octets long (at most 75): ${line}`);
  });
  return lines;
}

/** Joins folded lines (CRLF followed by a space or tab continues the previous line). */
export function unfold(source: string): string[] {
  const logical: string[] = [];
  for (const line of physicalLines(source)) {
    if (line.startsWith(' ') || line.startsWith('\t')) {
      if (!logical.length) throw new IcalError('the calendar starts with a continuation line');
      logical[logical.length - 1] += line.slice(1);
    } else {
      logical.push(line);
    }
  }
  return logical;
}

/** Parses a calendar into its VCALENDAR component. */
export function parseIcal(source: string): IcalComponent {
  const stack: IcalComponent[] = [];
  let root: IcalComponent | undefined;
  for (const line of unfold(source)) {
    const match = /^([A-Za-z0-9-]+)((?:;[A-Za-z0-9-]+=(?:"[^"]*"|[^";:,]*))*):(.*)$/.exec(line);
    if (!match) throw new IcalError(`not a content line: ${line}`);
    const name = match[1].toUpperCase();
    const params: Record<string, string> = {};
    for (const param of match[2].split(';').slice(1)) {
      const [key, ...value] = param.split('=');
      params[key.toUpperCase()] = value.join('=').replace(/^"|"$/g, '');
    }
    const raw = match[3];
    if (name === 'BEGIN') {
      const component: IcalComponent = { name: raw.toUpperCase(), properties: [], components: [] };
      if (stack.length) stack[stack.length - 1].components.push(component);
      else if (root) throw new IcalError('a second top-level component');
      else root = component;
      stack.push(component);
      continue;
    }
    if (name === 'END') {
      const open = stack.pop();
      if (!open || open.name !== raw.toUpperCase()) throw new IcalError(`END:${raw} closes ${open?.name ?? 'nothing'}`);
      continue;
    }
    if (!stack.length) throw new IcalError(`property ${name} outside a component`);
    if (TEXT_LIST.has(name)) unescapeText(raw, true);
    const value = TEXT.has(name) ? unescapeText(raw) : raw;
    stack[stack.length - 1].properties.push({ name, params, raw, value });
  }
  if (stack.length) throw new IcalError(`${stack[stack.length - 1].name} is never closed`);
  if (!root) throw new IcalError('no component');
  return root;
}

/** The value of the first property with a name. */
export function prop(component: IcalComponent, name: string): string | undefined {
  return component.properties.find((property) => property.name === name)?.value;
}

/** The items of a TEXT list property (e.g. CATEGORIES), unescaped. */
export function listValue(component: IcalComponent, name: string): string[] {
  const raw = component.properties.find((property) => property.name === name)?.raw;
  if (raw === undefined) return [];
  return raw.split(/(?<!\\),/).map((item) => unescapeText(item));
}
