/**
 * Satori's SVG made cheaper for librsvg to draw, with the same look. Satori writes each word, and
 * each space between words, as its own `<text>` at the position it measured, and an unused
 * `<mask>` for every box. librsvg lays out every `<text>` through Pango on its own, so a card's
 * cost grows with the number of runs, not only with its glyphs. Measured on the bench's cards
 * (one at a time, alternating, 300 cards), rasterising and encoding took 11.8 CPU-ms a card as
 * satori writes it, 11.1 without the unused masks and the runs that are only spaces, and 10.8 with
 * each line's words also drawn as one run.
 *
 * - Runs on one line with the same attributes, where each starts where the one before ends, become
 *   one run (`xml:space="preserve"` keeps its spaces). Pango then places the glyphs by their own
 *   advances instead of satori's per-word positions: a fraction of a pixel apart, a pixel or two at a
 *   curly quote (mean difference 0.009–0.41 of 255 per channel; tests/process/og.test.ts).
 * - A run with right-to-left characters is never joined: satori has already put the words of a
 *   right-to-left line in visual order, and one joined run would be reordered again by Pango.
 * - Runs of spaces alone draw nothing and are left out.
 * - A `<mask>` that nothing refers to is left out.
 *
 * Anything it does not recognise stays as it is, so a change in satori's output costs speed,
 * never a wrong card.
 */

/** A `<text>` run as satori writes it: position and box first, then how it is drawn, then its escaped text. */
const TEXT_RUN = /<text x="([^"]*)" y="([^"]*)" width="([^"]*)" height="[^"]*"([^>]*)>([^<]*)<\/text>/g;
/** A mask of rectangles only, as satori writes one for every box. */
const MASK = /<mask id="([^"]+)">(?:<rect [^>]*\/>)*<\/mask>/g;
/** Characters of right-to-left scripts, and the controls that start right-to-left text. */
const RIGHT_TO_LEFT = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff\u200f\u202b\u202e\u2067]|[\u{10800}-\u{10fff}\u{1e800}-\u{1efff}]/u;
/** How far apart, in pixels, satori's positions may be and still count as one run continuing. */
const CONTIGUOUS = 0.05;

interface Run {
  source: string;
  x: string;
  y: string;
  attributes: string;
  text: string;
  end: number;
  joined: boolean;
  rightToLeft: boolean;
}

/** `svg` as satori wrote it, with its runs joined and its unused masks left out (see above). */
export function compactCardSvg(svg: string): string {
  const withoutMasks = svg.replace(MASK, (mask, id: string) => (svg.includes(`url(#${id})`) ? mask : ''));
  let output = '';
  let consumed = 0;
  let run: Run | undefined;
  const flush = () => {
    if (run && run.joined) output += `<text x="${run.x}" y="${run.y}" xml:space="preserve"${run.attributes}>${run.text}</text>`;
    else if (run && !/^ *$/.test(run.text)) output += run.source;
    run = undefined;
  };
  for (const match of withoutMasks.matchAll(TEXT_RUN)) {
    const [source, x, y, width, attributes, text] = match;
    if (match.index > consumed) {
      flush();
      output += withoutMasks.slice(consumed, match.index);
    }
    consumed = match.index + source.length;
    const rightToLeft = RIGHT_TO_LEFT.test(text);
    const end = Number(x) + Number(width);
    if (
      run &&
      !run.rightToLeft &&
      !rightToLeft &&
      run.y === y &&
      run.attributes === attributes &&
      Math.abs(Number(x) - run.end) < CONTIGUOUS
    ) {
      run.text += text;
      run.end = end;
      run.joined = true;
    } else {
      flush();
      run = { source, x, y, attributes, text, end, joined: false, rightToLeft };
    }
  }
  flush();
  return output + withoutMasks.slice(consumed);
}
