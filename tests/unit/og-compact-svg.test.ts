import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compactCardSvg } from '../../src/outputs/og/compact-svg.ts';

const DRAW = ' font-weight="700" font-style="normal" font-size="64" font-family="inter" fill="#e8eaed"';
/** A `<text>` run as satori writes one. */
const run = (x: number, width: number, text: string, draw = DRAW, y = 235) =>
  `<text x="${x}" y="${y}" width="${width}" height="73.6"${draw}>${text}</text>`;
const svg = (...parts: string[]) =>
  `<svg width="1200" height="630" viewBox="0 0 1200 630" xmlns="http://www.w3.org/2000/svg">${parts.join('')}</svg>`;

test('the words of a line, each starting where the one before ends, become one run', () => {
  const input = svg(run(82, 301.1875, 'Checkout'), run(383.1875, 15.15625, ' '), run(398.34375, 230.3125, 'latency'));
  assert.equal(compactCardSvg(input), svg(`<text x="82" y="235" xml:space="preserve"${DRAW}>Checkout latency</text>`));
});

test('runs on another line, in another style or apart from each other stay apart', () => {
  const otherLine = svg(run(82, 100, 'after'), run(182, 100, 'the', DRAW, 309));
  assert.equal(compactCardSvg(otherLine), otherLine);
  const otherColour = svg(run(82, 100, 'SEV1'), run(182, 100, 'Critical', DRAW.replace('#e8eaed', '#f9a8a1')));
  assert.equal(compactCardSvg(otherColour), otherColour);
  // satori moved "and" 2.5 px left of where the space before it ends (kerning after a quote).
  const apart = svg(run(495.03125, 34.03125, '”'), run(541.71875, 117.34375, 'and'));
  assert.equal(compactCardSvg(apart), apart);
  // Within 0.05 px is the same place (satori adds up floating-point widths).
  assert.equal(
    compactCardSvg(svg(run(10, 20.04, 'a'), run(30, 5, 'b'))),
    svg(`<text x="10" y="235" xml:space="preserve"${DRAW}>ab</text>`),
  );
});

test('right-to-left words are never joined: satori has already ordered them for display', () => {
  const input = svg(run(82, 256, 'עולם'), run(338, 15, ' '), run(353, 256, 'שלום'), run(609, 15, ' '), run(624, 117, 'and'));
  // The space between the Hebrew words draws nothing on its own; the one after them joins "and".
  assert.equal(
    compactCardSvg(input),
    svg(run(82, 256, 'עולם'), run(353, 256, 'שלום'), `<text x="609" y="235" xml:space="preserve"${DRAW}> and</text>`),
  );
  const arabic = svg(run(82, 117, 'and'), run(199, 320, 'مرحبا'));
  assert.equal(compactCardSvg(arabic), arabic);
});

test('runs of spaces alone are left out, escaped text is kept as written', () => {
  assert.equal(compactCardSvg(svg(run(977, 15, ' '), run(82, 100, 'x', DRAW, 309))), svg(run(82, 100, 'x', DRAW, 309)));
  assert.equal(
    compactCardSvg(svg(run(10, 43, '&amp;'), run(53, 15, ' '), run(68, 43, '&lt;b&gt;'))),
    svg(`<text x="10" y="235" xml:space="preserve"${DRAW}>&amp; &lt;b&gt;</text>`),
  );
});

test('masks nothing refers to are left out; shapes, and masks in use, stay', () => {
  const unused = '<mask id="satori_om-id-1"><rect x="18" y="0" width="1182" height="630" fill="#fff"/></mask>';
  const used = '<mask id="m2"><rect x="0" y="0" width="10" height="10" fill="#fff"/></mask>';
  const shapes = '<rect x="0" y="0" width="18" height="630" fill="#e0a526"/><path fill="#39414d" d="M90,450 h129"/>';
  assert.equal(
    compactCardSvg(svg(unused, used, shapes, `<rect mask="url(#m2)" x="0" y="0" width="5" height="5"/>`)),
    svg(used, shapes, `<rect mask="url(#m2)" x="0" y="0" width="5" height="5"/>`),
  );
  // A mask between two words of a line does not keep them apart once it is gone.
  assert.equal(
    compactCardSvg(svg(run(0, 10, 'a'), unused, run(10, 10, 'b'))),
    svg(`<text x="0" y="235" xml:space="preserve"${DRAW}>ab</text>`),
  );
});

test('text in a shape it does not know is left as satori wrote it', () => {
  const unknown = svg('<text x="1" y="2" clip-path="url(#c)">a</text><text x="3" y="2">b</text>');
  assert.equal(compactCardSvg(unknown), unknown);
});
