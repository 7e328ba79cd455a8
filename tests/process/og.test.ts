/**
 * OG cards: what they say (every visible entry and section, nothing hidden), that markup in a
 * title is drawn as text, the three-line clamp, the PNG size, the cache, and non-Latin glyphs.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { getPriority, tmpdir } from 'node:os';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import sharp from 'sharp';
import satori from 'satori';
import {
  CARD_FRAME,
  cardElement,
  cardInputs,
  cardSvg,
  cardText,
  loadCardFonts,
  titleFontSize,
  TITLE_MAX_LINES,
  type CardChild,
  type CardElement,
  type CardInput,
} from '../../src/outputs/og/card.ts';
import { tagCardPath } from '../../src/core/model.ts';
import { readEnvironment } from '../../src/build/env.ts';
import { cardCacheDir, cardKey, rasterisedCard, renderCardPng, renderCards } from '../../src/outputs/og/render.ts';
import { cardPath, sectionCardPath } from '../../src/core/model.ts';
import { SECTIONS } from '../../src/core/routes.ts';
import { CARD_PROCESS_NICENESS, forkCardProcess, startCardProcess } from '../../src/outputs/og/child.ts';
import { fontconfigFile, useTextFonts, woffToSfnt } from '../../src/outputs/og/text-fonts.ts';
import { compactCardSvg } from '../../src/outputs/og/compact-svg.ts';
import { sharingModel, XSS_TITLE } from '../unit/support/sharing.ts';

const root = join(import.meta.dirname, '..', '..');
const fonts = loadCardFonts(root);
// librsvg draws the cards' text with these (before any card is drawn in this process).
const fontConf = useTextFonts(fonts);
const temporary: string[] = [];
after(() => {
  for (const folder of temporary) rmSync(folder, { recursive: true, force: true });
});
const tempDir = () => {
  const folder = mkdtempSync(join(tmpdir(), 'almanac-og-test-'));
  temporary.push(folder);
  return folder;
};

const base: CardInput = {
  type: 'Postmortem',
  title: 'Checkout errors',
  badge: { text: 'SEV2 · Major', tone: 'warn' },
  services: ['Web'],
  date: 'Incident 2026-11-20',
  siteName: 'Almanac',
};

/** Width and height from a PNG's IHDR chunk. */
function pngSize(png: Buffer): { width: number; height: number } {
  assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'PNG signature');
  assert.equal(png.subarray(12, 16).toString('latin1'), 'IHDR');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/** The `<text>` runs of an SVG drawn with `embedFont: false`, grouped into lines by font size and y. */
function textLines(svg: string, fontSize: number): string[] {
  const lines = new Map<string, string>();
  for (const match of svg.matchAll(/<text x="[^"]*" y="([^"]*)"[^>]*font-size="([^"]*)"[^>]*>([^<]*)<\/text>/g)) {
    if (Number(match[2]) !== fontSize) continue;
    lines.set(match[1], (lines.get(match[1]) ?? '') + match[3]);
  }
  return [...lines.values()];
}

/** Bright pixels (text is light on a dark card) inside the title area. */
async function inkInTitleArea(png: Buffer): Promise<number> {
  const { data, info } = await sharp(png)
    .extract({ left: 80, top: 120, width: 1040, height: 300 })
    .greyscale()
    .raw()
    .toBuffer({ resolveWithObject: true });
  let ink = 0;
  for (let i = 0; i < info.width * info.height; i++) if (data[i] > 128) ink++;
  return ink;
}

test('cardInputs covers every visible entry, every section and every tag, once each', () => {
  const model = sharingModel('internal');
  const jobs = cardInputs(model);
  const paths = jobs.map((job) => job.path);
  assert.equal(new Set(paths).size, paths.length, 'no path twice');
  for (const view of model.all()) assert.ok(paths.includes(cardPath(view.collection, view.id)), `${view.collection}/${view.id}`);
  for (const section of [
    'home',
    'start',
    'postmortems',
    'slos',
    'releases',
    'prds',
    'handbook',
    'action-items',
    'insights',
    'reviews',
    'search',
  ])
    assert.ok(paths.includes(sectionCardPath(section)), section);
  for (const tag of model.tags) assert.ok(paths.includes(tagCardPath(tag.slug)));
  assert.equal(jobs.length, model.all().length + SECTIONS.length + model.tags.length);
  const xss = jobs.find((job) => job.path === cardPath('postmortems', 'xss-outage'))!.input;
  assert.equal(xss.title, XSS_TITLE);
  assert.deepEqual(xss.badge, { text: 'SEV2 · Major', tone: 'high' });
  assert.deepEqual(xss.services, ['Web', 'Hidden database'], 'the internal build names internal services');
});

test('the public cards hold nothing the public build does not publish', () => {
  const jobs = cardInputs(sharingModel('public'));
  const text = JSON.stringify(jobs);
  for (const hidden of [
    'internal-outage',
    'in-review-outage',
    'draft-outage',
    'Internal only outage',
    'Hidden database',
    'Secret team',
    'internal-prd',
    'Internal PRD',
    'Internal release',
  ]) {
    assert.ok(!text.includes(hidden), hidden);
  }
  assert.deepEqual(
    jobs.find((job) => job.path === cardPath('postmortems', 'xss-outage'))!.input.services,
    ['Web'],
    'a hidden service is left out, not labelled',
  );
});

test('markup in a title is a text node, drawn as the literal characters', async () => {
  const input = { ...base, title: 'Broken <img src=x onerror=alert(1)> & <script>x</script>' };
  const texts: string[] = [];
  const walk = (node: CardElement | string) => {
    if (typeof node === 'string') return void texts.push(node);
    const children = node.props.children;
    for (const child of Array.isArray(children) ? children : children === undefined ? [] : [children]) walk(child);
  };
  walk(cardElement(input));
  assert.ok(texts.includes(input.title), 'the title is one string child');
  // As drawn: each word a `<text>` run of escaped characters.
  const svg = await cardSvg(input, fonts);
  assert.ok(!/<img|<script/i.test(svg), 'no markup from the title in the SVG');
  assert.ok(svg.includes('&lt;') && svg.includes('img') && svg.includes('onerror'), 'the characters are drawn');
  const outlines = await cardSvg(input, fonts, { embedFont: true });
  assert.ok(!/<img|<script|<text/i.test(outlines), 'as outlines, the card has glyph paths only');
});

test('a long title wraps to at most three lines and ends with an ellipsis', async () => {
  const title =
    'A very long incident title that keeps going well past what three lines of a social card can hold, with more words about causes, contributing factors, mitigations and the follow-up work';
  const svg = await cardSvg({ ...base, title }, fonts, { embedFont: false });
  const lines = textLines(svg, titleFontSize(title));
  assert.equal(lines.length, TITLE_MAX_LINES);
  assert.ok(lines.at(-1)!.trimEnd().endsWith('…'), `the last line ends with an ellipsis: ${lines.at(-1)}`);
  const short = textLines(await cardSvg({ ...base, title: 'Short title' }, fonts, { embedFont: false }), titleFontSize('Short title'));
  assert.deepEqual(short, ['Short title']);
});

test('the site name takes the rest of the footer, and is cut short only when it fills it', async () => {
  const runs = async (siteName: string) =>
    [...(await cardSvg({ ...base, date: 'Incident 2026-02-27 · 3h 12m', siteName }, fonts)).matchAll(/<text [^>]*>([^<]*)<\/text>/g)].map(
      (match) => match[1].trim(),
    );
  // Wider than the 560 px the name had before, narrower than what the date leaves.
  assert.ok((await runs('Generated handbook (1000 postmortems)')).includes('Generated handbook (1000 postmortems)'));
  const long = await runs('The incident handbook of the payments platform engineering organisation');
  assert.ok(
    long.some((run) => run.startsWith('The incident handbook') && run.endsWith('…')),
    long.join(' | '),
  );
});

test('a card is an opaque 1200×630 PNG', async () => {
  const png = await renderCardPng(base, fonts);
  assert.deepEqual(pngSize(png), { width: 1200, height: 630 });
  const meta = await sharp(png).metadata();
  assert.equal(meta.format, 'png');
  // Stored as librsvg draws them, RGBA, and every pixel opaque: nothing shows through in a feed.
  assert.equal(meta.channels, 4);
  assert.equal((await sharp(png).stats()).isOpaque, true);
});

/** The same tree with every frame drawn as a CSS border of the framed box instead. */
function withCssBorders(node: CardChild): CardChild {
  if (typeof node === 'string') return node;
  const { children } = node.props;
  const inner = children === undefined ? undefined : Array.isArray(children) ? children.map(withCssBorders) : withCssBorders(children);
  const { padding, backgroundColor, borderRadius, display: _, ...outer } = node.props.style;
  if (padding === CARD_FRAME && inner && typeof inner === 'object' && !Array.isArray(inner)) {
    const style = { ...inner.props.style, ...outer, border: `${CARD_FRAME}px solid ${backgroundColor}`, borderRadius };
    return { ...inner, props: { ...inner.props, style } };
  }
  return { ...node, props: inner === undefined ? node.props : { ...node.props, children: inner } };
}

test('badges and chips are framed without clip paths, and look as CSS borders would', async () => {
  const input: CardInput = {
    ...base,
    badge: { text: 'SEV1 · Critical', tone: 'critical' },
    services: ['Checkout API', 'Payments gateway with a long name', 'Storefront', 'Catalog API', 'Search'],
  };
  const framedSvg = await cardSvg(input, fonts);
  // A clip path is rasterised through an offscreen surface: the frames must not bring one back.
  assert.doesNotMatch(framedSvg, /clip-path=|<clipPath/);
  const bordered = withCssBorders(cardElement(input));
  const borderedSvg = await satori(bordered as unknown as Parameters<typeof satori>[0], {
    width: 1200,
    height: 630,
    fonts: fonts.fontsFor(cardText(input)),
    embedFont: false,
  });
  assert.match(borderedSvg, /clip-path=/, 'the reference draws CSS borders');
  // Its text drawn as the build draws it, so that only the frames can differ.
  const [a, b] = await Promise.all([framedSvg, compactCardSvg(borderedSvg)].map((svg) => rasterisedCard(svg).raw().toBuffer()));
  let total = 0;
  let worst = 0;
  for (let i = 0; i < a.length; i++) {
    const difference = Math.abs(a[i] - b[i]);
    total += difference;
    worst = Math.max(worst, difference);
  }
  // Only the anti-aliased outer edges differ (measured: at most 58 in a channel, mean 0.006); a
  // frame a pixel off or a chip laid out differently moves whole edges and text.
  assert.ok(worst <= 80, `largest channel difference ${worst}`);
  assert.ok(total / a.length < 0.05, `mean channel difference ${(total / a.length).toFixed(4)}`);
});

test('the build draws cards in a child process, which publishes them or names the failing card', async () => {
  const cacheDir = tempDir();
  const jobs = cardInputs(sharingModel('public')).slice(0, 3);
  const first = startCardProcess(jobs, cacheDir, root);
  // At a lower priority than the build (never a higher one than the build's own).
  assert.equal(getPriority(first.pid), Math.max(CARD_PROCESS_NICENESS, getPriority()));
  assert.deepEqual(await first.drawn(), { total: 3, rendered: 3, cached: 0 });
  const outDir = tempDir();
  assert.deepEqual(await first.publish(outDir, 30), { pruned: 0 });
  for (const job of jobs) assert.deepEqual(pngSize(readFileSync(join(outDir, job.path))), { width: 1200, height: 630 });
  const second = startCardProcess(jobs, cacheDir, root);
  assert.deepEqual(await second.drawn(), { total: 3, rendered: 0, cached: 3 });
  second.kill();
  await assert.rejects(startCardProcess([{ path: '/og/a/b.jpg', input: base }], cacheDir, root).drawn(), /\/og\/a\/b\.jpg/);
  // A site folder that cannot be written (its parent is a file): publishing fails, naming why.
  const file = join(tempDir(), 'file');
  writeFileSync(file, 'not a folder');
  await assert.rejects(startCardProcess(jobs.slice(0, 1), cacheDir, root).publish(join(file, 'site'), 30), /ENOTDIR|not a directory/);
});

test('the card process gets ready before it is given its cards, and draws only those', async () => {
  const cacheDir = tempDir();
  const idle = forkCardProcess(root);
  // Getting ready (fonts, a first card that is dropped) writes nothing anywhere.
  await sleep(1500);
  assert.deepEqual(readdirSync(cacheDir), []);
  const jobs = cardInputs(sharingModel('public')).slice(0, 2);
  const cards = idle.draw(jobs, cacheDir);
  assert.throws(() => idle.draw(jobs, cacheDir), /given its cards twice/);
  assert.deepEqual(await cards.drawn(), { total: 2, rendered: 2, cached: 0 });
  cards.kill();
  const pngs = readdirSync(cacheDir, { recursive: true })
    .map(String)
    .filter((file) => file.endsWith('.png'));
  assert.equal(pngs.length, 2);
});

test('the cache: a second render of the same inputs draws nothing; a changed card is redrawn alone', async () => {
  const cacheDir = tempDir();
  const outDir = tempDir();
  const jobs = cardInputs(sharingModel('public')).slice(0, 6);
  const first = await renderCards(jobs, { cacheDir, outDir, root, concurrency: 2 });
  assert.deepEqual(first, { total: 6, rendered: 6, cached: 0 });
  for (const job of jobs) assert.deepEqual(pngSize(readFileSync(join(outDir, job.path))), { width: 1200, height: 630 });
  const second = await renderCards(jobs, { cacheDir, outDir: tempDir(), root });
  assert.deepEqual(second, { total: 6, rendered: 0, cached: 6 });
  const changed = jobs.map((job, index) =>
    index === 2 ? { ...job, input: { ...job.input, title: `${job.input.title} (updated)` } } : job,
  );
  assert.deepEqual(await renderCards(changed, { cacheDir, root }), { total: 6, rendered: 1, cached: 5 });
  // The key covers the inputs whatever order their fields were written in.
  const reordered = Object.fromEntries(Object.entries(base).reverse()) as unknown as CardInput;
  assert.equal(cardKey(reordered, fonts, root), cardKey(base, fonts, root));
  assert.notEqual(cardKey({ ...base, date: 'Incident 2026-11-21' }, fonts, root), cardKey(base, fonts, root));
});

test("the cache folder is .cache/og, or $ALMANAC_CACHE_DIR/og: the environment's cache folder", async () => {
  const cacheDir = tempDir();
  const environment = readEnvironment({ ALMANAC_CACHE_DIR: cacheDir }, { root });
  const [job] = cardInputs(sharingModel('public'));
  assert.deepEqual(await renderCards([job!], { cacheDir: cardCacheDir(environment.cacheDir), root }), { total: 1, rendered: 1, cached: 0 });
  const key = cardKey(job!.input, fonts, root);
  assert.ok(existsSync(join(cacheDir, 'og', `${key}.png`)), 'the card is in $ALMANAC_CACHE_DIR/og');
  const cacheOf = (env: Record<string, string>) => cardCacheDir(readEnvironment(env, { root: '/project' }).cacheDir);
  assert.equal(cacheOf({}), join('/project', '.cache', 'og'));
  assert.equal(cacheOf({ ALMANAC_CACHE_DIR: 'ci-cache' }), join('/project', 'ci-cache', 'og'));
  assert.equal(cacheOf({ ALMANAC_CACHE_DIR: '/var/cache/almanac' }), join('/var/cache/almanac', 'og'));
});

test('a failing card names itself', async () => {
  await assert.rejects(renderCards([{ path: '/og/x/../y.png', input: base }], { cacheDir: tempDir(), root }), /\/og\/x\/\.\.\/y\.png/);
});

test('a build that ends before asking for its cards takes the card process with it', async () => {
  // A parent that starts drawing 2000 cards and ends at once, as a failed build would.
  const script = `
    import { startCardProcess } from ${JSON.stringify(join(root, 'src/outputs/og/child.ts'))};
    const base = ${JSON.stringify(base)};
    const jobs = Array.from({ length: 2000 }, (_, i) => ({ path: '/og/x/' + i + '.png', input: { ...base, title: 'Card ' + i } }));
    const cards = startCardProcess(jobs, ${JSON.stringify(tempDir())}, ${JSON.stringify(root)});
    console.log(cards.pid);`;
  const parentFile = join(tempDir(), 'parent.mjs');
  writeFileSync(parentFile, script);
  const started = Date.now();
  const parent = spawnSync(process.execPath, [parentFile], { encoding: 'utf8', timeout: 30_000 });
  assert.equal(parent.status, 0, parent.stderr);
  assert.ok(Date.now() - started < 20_000, 'the parent did not wait for 2000 cards to be drawn');
  const pid = Number(parent.stdout.trim());
  assert.ok(pid > 0, `the parent printed the child's pid: ${parent.stdout}`);
  const alive = () => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  for (let i = 0; i < 100 && alive(); i++) await new Promise((resolve) => setTimeout(resolve, 50));
  assert.equal(alive(), false, 'the card process stopped with its parent');
});

test('non-Latin titles draw glyphs from the fallback fonts (Japanese, Greek, Devanagari)', async () => {
  const empty = await inkInTitleArea(await renderCardPng({ ...base, title: '' }, fonts));
  for (const [title, family] of [
    ['決済ゲートウェイの障害と復旧', 'Noto Sans JP'],
    ['Διακοπή πληρωμών', 'Inter greek'],
    ['भुगतान में रुकावट', 'Noto Sans devanagari'],
  ]) {
    // Each word reversed, spaces in place: missing glyphs (all the same box) would look identical.
    const other = title
      .split(' ')
      .map((word) => [...word].reverse().join(''))
      .join(' ');
    assert.ok(
      fonts.fontsFor(title).some((font) => font.name.startsWith(family)),
      `${family} is loaded for ${title}`,
    );
    const png = await renderCardPng({ ...base, title }, fonts);
    const ink = await inkInTitleArea(png);
    assert.ok(ink > empty + 2000, `${title}: ${ink} bright pixels against ${empty} for an empty title`);
    const otherPng = await renderCardPng({ ...base, title: other }, fonts);
    const a = await sharp(png).greyscale().raw().toBuffer();
    const b = await sharp(otherPng).greyscale().raw().toBuffer();
    let differing = 0;
    for (let i = 0; i < a.length; i++) if (Math.abs(a[i] - b[i]) > 64) differing++;
    assert.ok(differing > 1500, `${title} and ${other} differ in ${differing} pixels`);
  }
  assert.ok(existsSync(join(root, 'node_modules', '@fontsource', 'noto-sans-jp', 'unicode.json')));
});

/** Titles in Latin, Japanese, Greek and Devanagari. */
const TITLES_IN_SCRIPTS = [
  'Résumé: checkout errors after a cache stampede in the payments gateway',
  '決済ゲートウェイの障害と復旧',
  'Διακοπή πληρωμών',
  'भुगतान में रुकावट',
];

/** The mean absolute difference of two images' channel values (0–255). */
function meanDifference(a: Buffer, b: Buffer): number {
  let total = 0;
  for (let i = 0; i < a.length; i++) total += Math.abs(a[i] - b[i]);
  return total / a.length;
}

test('text drawn by librsvg through Pango matches satori’s glyph outlines (Latin, Japanese, Greek, Devanagari)', async () => {
  for (const title of TITLES_IN_SCRIPTS) {
    const input = { ...base, title };
    const [text, outlines] = await Promise.all(
      [cardSvg(input, fonts), cardSvg(input, fonts, { embedFont: true })].map(async (svg) =>
        rasterisedCard(await svg)
          .raw()
          .toBuffer(),
      ),
    );
    // Only glyph edges differ (measured: mean 0.06–0.54 per channel, the most where satori places
    // a quote or a hyphen a fraction of a pixel apart in its two modes). A missing font draws boxes
    // instead of glyphs (mean 6.8), another font's glyphs move every edge.
    const mean = meanDifference(text, outlines);
    assert.ok(mean < 1, `${title}: mean channel difference ${mean.toFixed(3)}`);
  }
});

test('a line drawn as one run looks as satori’s word-by-word runs do, in every script', async () => {
  for (const title of [
    ...TITLES_IN_SCRIPTS,
    '決済ゲートウェイの障害と復旧 after “quotes” and it’s',
    'שלום עולם and مرحبا بالعالم in one title',
  ]) {
    const input = { ...base, type: 'Handbook page', detail: 'In review since last week', services: ['Checkout API', 'Payments'] };
    const satoriSvg = await satori(cardElement({ ...input, title }) as unknown as Parameters<typeof satori>[0], {
      width: 1200,
      height: 630,
      fonts: fonts.fontsFor(cardText({ ...input, title })),
      embedFont: false,
    });
    const compact = compactCardSvg(satoriSvg);
    const runs = (svg: string) => (svg.match(/<text /g) ?? []).length;
    assert.ok(runs(compact) * 3 < runs(satoriSvg), `${title}: ${runs(satoriSvg)} runs became ${runs(compact)}`);
    const [a, b] = await Promise.all([satoriSvg, compact].map((svg) => rasterisedCard(svg).raw().toBuffer()));
    // Pango kerns across the joins where satori measured each word alone: glyphs a fraction of a
    // pixel apart, at most a pixel or two at a curly quote (measured: mean 0.009–0.41). A word
    // dropped, doubled or shifted by 2 px moves whole glyphs (mean 1 and more).
    const mean = meanDifference(a, b);
    assert.ok(mean < 0.6, `${title}: mean channel difference ${mean.toFixed(3)}`);
  }
});

test('characters XML does not allow are left out of a card instead of failing it', async () => {
  const png = await renderCardPng({ ...base, title: 'Control \u0001 characters \u0000 and \ufffe in a title' }, fonts);
  assert.deepEqual(pngSize(png), { width: 1200, height: 630 });
  assert.doesNotMatch(cardText({ ...base, title: 'a\u0008b' }), /\u0008/);
});

test('WOFF fonts are unwrapped into OpenType files with their tables intact', () => {
  const woff = readFileSync(join(root, 'node_modules/@fontsource/inter/files/inter-latin-700-normal.woff'));
  const sfnt = woffToSfnt(woff);
  assert.equal(sfnt.readUInt32BE(0), woff.readUInt32BE(4), 'the flavor is the sfnt version');
  const numTables = sfnt.readUInt16BE(4);
  assert.equal(numTables, woff.readUInt16BE(12));
  const tags: string[] = [];
  for (let index = 0; index < numTables; index++) {
    const at = 12 + index * 16;
    const tag = sfnt.toString('latin1', at, at + 4);
    tags.push(tag);
    const [checksum, offset, length] = [4, 8, 12].map((field) => sfnt.readUInt32BE(at + field));
    assert.equal(offset % 4, 0, `${tag} starts on a four-byte boundary`);
    // OpenType's table checksum: the sum of the table's 32-bit words, `head` with its adjustment as 0.
    let sum = 0;
    for (let word = offset; word < offset + length; word += 4) {
      const value = word + 4 <= sfnt.length ? sfnt.readUInt32BE(word) : 0;
      sum = (sum + (tag === 'head' && word === offset + 8 ? 0 : value)) >>> 0;
    }
    assert.equal(sum, checksum, `${tag} checksum`);
  }
  for (const table of ['cmap', 'glyf', 'head', 'hmtx', 'name']) assert.ok(tags.includes(table), `has ${table}`);
  assert.throws(() => woffToSfnt(sfnt), /not a WOFF/);
});

test('the text fonts are one folder per font stack, with a fontconfig file naming only them', () => {
  assert.equal(process.env.FONTCONFIG_FILE, fontConf);
  const folder = join(fontConf, '..');
  const conf = readFileSync(fontConf, 'utf8');
  assert.ok(conf.includes(`<dir>${folder}</dir>`), conf);
  assert.ok(fonts.files.length >= 4 && fonts.families.slice(0, 2).join() === 'Inter,Noto Sans');
  for (const file of fonts.files) assert.ok(existsSync(join(folder, file.replace(/^.*\//, '').replace(/\.woff$/, '.ttf'))), file);
  // The stack's order decides a character the first family lacks, as in satori.
  assert.match(fontconfigFile('/f', ['Inter', 'Noto Sans']), /<prefer><family>Inter<\/family><family>Noto Sans<\/family><\/prefer>/);
  assert.match(fontconfigFile('/a&b', ['X']), /<dir>\/a&amp;b<\/dir>/);
  // fontconfig reads its fonts once: another stack in the same process is an error, not tofu.
  assert.throws(() => useTextFonts({ ...fonts, fingerprint: 'another' }), /already draws text/);
  assert.equal(useTextFonts(fonts), fontConf);
});
