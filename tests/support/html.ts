/** Small, dependency-free HTML helpers for tests that read the built site. */

/** Values of an attribute on every tag of a name, e.g. all `<a href>`. */
export function attributeValues(html: string, tag: string, attribute: string): string[] {
  const values: string[] = [];
  const tagPattern = new RegExp(`<${tag}\\b[^>]*>`, 'gi');
  const attributePattern = new RegExp(`\\s${attribute}\\s*=\\s*("([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i');
  for (const match of html.matchAll(tagPattern)) {
    const found = attributePattern.exec(match[0]);
    if (found) values.push(decodeEntities(found[2] ?? found[3] ?? found[4] ?? ''));
  }
  return values;
}

/** `content` of `<meta property|name="…">`; quoted values may contain `>`. */
export function metaContent(html: string, key: string): string | undefined {
  for (const match of html.matchAll(/<meta\b((?:\s+[\w:-]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>]+))?)*)\s*\/?>/gi)) {
    const attributes = new Map(
      [...match[1].matchAll(/([\w:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/g)].map((a) => [a[1].toLowerCase(), a[2] ?? a[3] ?? a[4]]),
    );
    if (attributes.get('property') === key || attributes.get('name') === key) return decodeEntities(attributes.get('content') ?? '');
  }
  return undefined;
}

export function decodeEntities(text: string): string {
  return text
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&#(\d+);/g, (_, code) => String.fromCodePoint(Number(code)))
    .replace(/&#x([0-9a-f]+);/gi, (_, code) => String.fromCodePoint(parseInt(code, 16)))
    .replace(/&amp;/g, '&');
}

/** Every `id="…"` in a page, for fragment checks. */
export function ids(html: string): Set<string> {
  return new Set(attributeValues(html, '[a-z0-9-]+', 'id'));
}
