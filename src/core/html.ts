/** Plain text into HTML: the one HTML escaper, for every place that writes HTML by hand. */
export function escapeHtml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/**
 * A URL shown as text, as HTML that breaks only after a path slash (`<wbr>`), never mid-word; pair it
 * with the `url` class (`overflow-wrap: anywhere`) for a single segment longer than the line.
 */
export function breakableUrl(url: string): string {
  return (
    url
      // After a path slash only: never inside or right after the scheme's `//`.
      .split(/(?<=[^/:]\/)/)
      .map(escapeHtml)
      .join('<wbr>')
  );
}

/**
 * Markdown tables (`<table>` as the renderer writes it) inside a scroll container that a keyboard
 * can focus, so a table wider than a phone scrolls on its own instead of widening the page. Run
 * once, when a plain-Markdown body is rendered at content sync.
 */
export function wrapTables(html: string): string {
  return html.replace(
    /<table>[\s\S]*?<\/table>/g,
    (table) => `<div class="table-wrap" tabindex="0" role="region" aria-label="Table">${table}</div>`,
  );
}

/** Plain text as HTML paragraphs (blank lines separate paragraphs). */
export function plainTextHtml(text: string): string {
  return text
    .trim()
    .split(/\n\s*\n/)
    .map((paragraph) => `<p>${escapeHtml(paragraph.trim())}</p>`)
    .join('\n');
}

/** JSON for a `<script type="application/json">` element: `<` escaped so no string in it can close the element. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}
