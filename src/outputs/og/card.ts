/**
 * OG cards (1200×630): how each card looks. What it says comes from `inputs.ts`.
 *
 *   model ──cardInputs──▶ [{ path, input: CardInput }] ──cardElement──▶ element tree ──satori──▶ SVG
 *
 * `cardInputs` (inputs.ts) is pure: it reads only the audience-filtered model, so a card can say
 * nothing a page of the same build does not. `cardElement` is pure too; every string goes into
 * the tree as a text node (never as markup), so `<img onerror=…>` in a title is drawn as those
 * characters.
 *
 * Fonts come from @fontsource packages on disk (`.woff`: satori rejects WOFF2). Inter draws Latin,
 * Greek, Cyrillic and Vietnamese; Noto Sans adds Devanagari; Noto Sans JP draws kana and CJK
 * ideographs. Other installed `@fontsource/noto-sans-{kr,sc,tc,arabic,hebrew,thai}` packages join
 * the stack automatically. Each card loads only the font subsets its text needs. librsvg draws the
 * text with the same files, written out for Pango (text-fonts.ts).
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import satori from 'satori';
import type { Tone } from '../../core/presentation.ts';
import { BASE, TONE_COLORS } from '../../core/palette.ts';
import type { CardInput } from './inputs.ts';
import { withoutInvalidXml as drawable } from '../../core/xml.ts';
import { compactCardSvg } from './compact-svg.ts';

export const CARD_WIDTH = 1200;
export const CARD_HEIGHT = 630;
/** Bump whenever the layout changes: it is part of every cache key, so old cards are redrawn. */
export const LAYOUT_VERSION = 4;
/** The title is clamped to this many lines, with an ellipsis after the last. */
export const TITLE_MAX_LINES = 3;

export type { CardBadge, CardInput, CardJob } from './inputs.ts';
export { cardInputs, entryCardInput, sectionCardInputs } from './inputs.ts';

// ── How a card looks ─────────────────────────────────────────────────────────────────────────

/** A satori element: `{ type, props: { style, children } }`; strings are text nodes. */
export interface CardElement {
  type: 'div' | 'span';
  props: { style: Record<string, string | number>; children?: CardChild | CardChild[] };
}
export type CardChild = CardElement | string;

// Cards are dark: the dark values of the site's one palette.
const PALETTE = {
  background: BASE.bg.dark,
  panel: BASE['bg-soft'].dark,
  foreground: BASE.fg.dark,
  muted: BASE['fg-soft'].dark,
  border: BASE.border.dark,
  accent: BASE.accent.dark,
};
const tone = (name: Tone) => ({ fg: TONE_COLORS[name].fg.dark, bg: TONE_COLORS[name].bg.dark, bar: TONE_COLORS[name].mark.dark });
const MAX_SERVICES = 4;
const BAR_WIDTH = 18;
const PADDING = { top: 52, right: 72, bottom: 48, left: 64 };
const CONTENT_WIDTH = CARD_WIDTH - BAR_WIDTH - PADDING.left - PADDING.right;

const el = (type: CardElement['type'], style: CardElement['props']['style'], children?: CardElement['props']['children']): CardElement => ({
  type,
  props: children === undefined ? { style } : { style, children },
});

/**
 * One line of text that ends in an ellipsis instead of wrapping. No `overflow: hidden` anywhere in
 * the card: satori turns it into an SVG mask, and librsvg rasterises every mask as a full-size
 * offscreen surface (measured: 230 ms a card with masks, 25 ms without).
 */
const oneLine = (style: CardElement['props']['style'], text: string) => el('div', { display: 'block', lineClamp: 1, ...style }, text);

/** Width of the frame around badges and chips, px. */
export const CARD_FRAME = 2;

/**
 * A 2px frame around `inner`: a box of the frame's colour with the inner box inset in it, drawn
 * as two filled shapes. Not a CSS `border`: satori draws a rounded border as a stroke clipped by a
 * `clip-path`, which librsvg renders through an offscreen surface (about 0.3 ms a bordered box).
 * The inner radius is the outer one less the frame, as a CSS border would draw it.
 */
const framed = (frame: { color: string; radius: number; marginRight?: number }, inner: CardElement): CardElement =>
  el(
    'div',
    {
      display: 'flex',
      backgroundColor: frame.color,
      borderRadius: frame.radius,
      padding: CARD_FRAME,
      ...(frame.marginRight === undefined ? {} : { marginRight: frame.marginRight }),
    },
    inner,
  );

/** Title size by length, so short titles are big and long ones still fit three lines. */
export function titleFontSize(title: string): number {
  const length = [...title].length;
  return length <= 32 ? 76 : length <= 60 ? 64 : 54;
}

/** The input without the characters XML does not allow: librsvg would reject the card's SVG. */
function drawableInput(input: CardInput): CardInput {
  return {
    ...input,
    type: drawable(input.type),
    title: drawable(input.title),
    badge: input.badge && { ...input.badge, text: drawable(input.badge.text) },
    detail: input.detail === undefined ? undefined : drawable(input.detail),
    services: input.services.map(drawable),
    date: input.date === undefined ? undefined : drawable(input.date),
    siteName: drawable(input.siteName),
  };
}

/** The element tree of one card. Pure; every value is a text node. */
export function cardElement(card: CardInput): CardElement {
  const input = drawableInput(card);
  const badgeTone = tone(input.badge?.tone ?? 'neutral');
  const bar = input.badge ? badgeTone.bar : PALETTE.accent;
  const services = input.services.slice(0, MAX_SERVICES);
  const more = input.services.length - services.length;
  // Chips share the row: each gets an equal width at most, so the row never overflows the card.
  const chipWidth = services.length ? Math.min(360, Math.floor((CONTENT_WIDTH - (more > 0 ? 120 : 0)) / services.length) - 12) : 0;

  const header = el(
    'div',
    { display: 'flex', flexDirection: 'row', alignItems: 'center', justifyContent: 'space-between', width: '100%' },
    [
      oneLine(
        { fontSize: 28, fontWeight: 700, letterSpacing: 3, textTransform: 'uppercase', color: PALETTE.accent, maxWidth: 620 },
        input.type,
      ),
      ...(input.badge
        ? [
            framed(
              { color: badgeTone.bar, radius: 999 },
              oneLine(
                {
                  fontSize: 28,
                  fontWeight: 700,
                  color: badgeTone.fg,
                  backgroundColor: badgeTone.bg,
                  borderRadius: 999,
                  padding: '8px 24px',
                  maxWidth: 420,
                },
                input.badge.text,
              ),
            ),
          ]
        : []),
    ],
  );

  const title = el('div', { display: 'flex', flexDirection: 'column', justifyContent: 'center', flexGrow: 1, width: '100%' }, [
    el(
      'div',
      {
        display: 'block',
        lineClamp: TITLE_MAX_LINES,
        fontSize: titleFontSize(input.title),
        fontWeight: 700,
        lineHeight: 1.15,
        color: PALETTE.foreground,
        wordBreak: 'break-word',
      },
      input.title,
    ),
    ...(input.detail
      ? [el('div', { display: 'block', lineClamp: 2, fontSize: 30, lineHeight: 1.3, color: PALETTE.muted, marginTop: 20 }, input.detail)]
      : []),
  ]);

  const chips = el('div', { display: 'flex', flexDirection: 'row', flexWrap: 'nowrap', minHeight: 52, width: '100%' }, [
    ...services.map((name) =>
      framed(
        { color: PALETTE.border, radius: 8, marginRight: 12 },
        oneLine(
          {
            fontSize: 24,
            color: PALETTE.foreground,
            backgroundColor: PALETTE.panel,
            borderRadius: 8 - CARD_FRAME,
            padding: '8px 16px',
            maxWidth: chipWidth,
          },
          name,
        ),
      ),
    ),
    ...(more > 0 ? [oneLine({ fontSize: 24, color: PALETTE.muted, padding: '10px 4px' }, `+${more} more`)] : []),
  ]);

  const rule = el('div', { display: 'flex', width: '100%', height: 2, marginTop: 22, backgroundColor: PALETTE.border });
  const footer = el(
    'div',
    { display: 'flex', flexDirection: 'row', alignItems: 'center', justifyContent: 'space-between', width: '100%', paddingTop: 22 },
    [
      oneLine({ fontSize: 28, color: PALETTE.muted, maxWidth: 520, flexShrink: 0 }, input.date ?? ''),
      // The name takes the rest of the row, right-aligned, and is cut short only when it fills it.
      oneLine(
        {
          fontSize: 28,
          fontWeight: 700,
          color: PALETTE.foreground,
          flexGrow: 1,
          flexShrink: 1,
          minWidth: 0,
          marginLeft: 32,
          textAlign: 'right',
        },
        input.siteName,
      ),
    ],
  );

  return el(
    'div',
    {
      display: 'flex',
      flexDirection: 'row',
      width: CARD_WIDTH,
      height: CARD_HEIGHT,
      backgroundColor: PALETTE.background,
      fontFamily: CARD_FONT_FAMILY,
    },
    [
      el('div', { display: 'flex', width: BAR_WIDTH, height: CARD_HEIGHT, backgroundColor: bar }),
      el(
        'div',
        {
          display: 'flex',
          flexDirection: 'column',
          boxSizing: 'border-box',
          width: CARD_WIDTH - BAR_WIDTH,
          height: CARD_HEIGHT,
          padding: `${PADDING.top}px ${PADDING.right}px ${PADDING.bottom}px ${PADDING.left}px`,
        },
        [header, title, chips, rule, footer],
      ),
    ],
  );
}

/** Every string a card draws (for choosing font subsets and for leak tests). */
export function cardText(card: CardInput): string {
  const input = drawableInput(card);
  return [
    input.type,
    input.title,
    input.badge?.text ?? '',
    input.detail ?? '',
    ...input.services,
    input.date ?? '',
    input.siteName,
    '…',
    `+${input.services.length} more`,
  ].join('\n');
}

// ── Fonts ────────────────────────────────────────────────────────────────────────────────────

type Weight = 400 | 700;
export interface CardFont {
  name: string;
  data: Buffer;
  weight: Weight;
  style: 'normal';
}

export interface CardFonts {
  /** Hash of the font files and packages: part of every cache key. */
  fingerprint: string;
  /** Names of the packages in the stack, e.g. `@fontsource/inter@5.3.0`. */
  packages: string[];
  /**
   * The font subsets that draw this text, Latin first, each under its own name (satori picks one
   * font per name and weight, then falls back name by name for characters a font lacks).
   */
  fontsFor(text: string): CardFont[];
  /** The families in stack order, most preferred first (e.g. `Inter`, `Noto Sans`, `Noto Sans JP`). */
  families: string[];
  /** Every file of the stack (each subset at each weight): what Pango draws the cards' text with (text-fonts.ts). */
  files: string[];
}

interface FontFamily {
  /** @fontsource package id, e.g. `noto-sans-jp`. */
  id: string;
  name: string;
  dir: string;
  version: string;
  /** Position in the stack. */
  rank: number;
}

interface Subset {
  family: FontFamily;
  subset: string;
  /** Stack order: family rank, then the subset's order in its package. */
  order: number;
}

/** The font stack, most preferred first. The first two are required; the rest are used when installed. */
const FONT_STACK: { id: string; name: string; required?: boolean }[] = [
  { id: 'inter', name: 'Inter', required: true },
  { id: 'noto-sans', name: 'Noto Sans', required: true },
  { id: 'noto-sans-jp', name: 'Noto Sans JP' },
  { id: 'noto-sans-kr', name: 'Noto Sans KR' },
  { id: 'noto-sans-sc', name: 'Noto Sans SC' },
  { id: 'noto-sans-tc', name: 'Noto Sans TC' },
  { id: 'noto-sans-arabic', name: 'Noto Sans Arabic' },
  { id: 'noto-sans-hebrew', name: 'Noto Sans Hebrew' },
  { id: 'noto-sans-thai', name: 'Noto Sans Thai' },
];
/** The family every card uses for Latin text (and the name `font-family` asks for). */
export const CARD_FONT_FAMILY = 'Inter';
const WEIGHTS: Weight[] = [400, 700];

/** `node_modules/@fontsource/<id>` from the root or any folder above it (hoisted installs). */
function findPackage(root: string, id: string): string | undefined {
  for (let dir = root; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', '@fontsource', id);
    if (existsSync(join(candidate, 'unicode.json'))) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}

/** `U+0000-00FF,U+0131` → [[0, 255], [305, 305]]. */
export function parseUnicodeRange(range: string): [number, number][] {
  return range.split(',').flatMap((part) => {
    const match = /^\s*U\+([0-9a-f]+)(?:-([0-9a-f]+))?\s*$/i.exec(part);
    if (!match) return [];
    const start = parseInt(match[1], 16);
    return [[start, match[2] ? parseInt(match[2], 16) : start] as [number, number]];
  });
}

const fontCache = new Map<string, CardFonts>();

/**
 * Reads the font stack from `node_modules/@fontsource` (once per root). Throws, naming the package,
 * when a required font is missing.
 */
export function loadCardFonts(root = process.cwd()): CardFonts {
  const cached = fontCache.get(root);
  if (cached) return cached;

  // Which subset draws each code point: the first family in the stack that has it, Latin first
  // within a family so a character shared by several subsets comes from the one every card loads.
  const owner = new Map<number, Subset>();
  const subsets: Subset[] = [];
  const families: string[] = [];
  const packages: string[] = [];
  let latin: Subset | undefined;
  let order = 0;
  for (const [rank, entry] of FONT_STACK.entries()) {
    const dir = findPackage(root, entry.id);
    if (!dir) {
      if (entry.required) throw new Error(`The OG card font @fontsource/${entry.id} is not installed; run npm install`);
      continue;
    }
    const version = (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string }).version;
    const family: FontFamily = { id: entry.id, name: entry.name, dir, version, rank };
    packages.push(`@fontsource/${entry.id}@${version}`);
    families.push(entry.name);
    const ranges = JSON.parse(readFileSync(join(dir, 'unicode.json'), 'utf8')) as Record<string, string>;
    const first = (subset: string) => (subset === 'latin' ? 0 : subset === 'latin-ext' ? 1 : 2);
    for (const [subset, range] of Object.entries(ranges).sort(([a], [b]) => first(a) - first(b))) {
      const entrySubset: Subset = { family, subset, order: order++ };
      subsets.push(entrySubset);
      latin ??= subset === 'latin' ? entrySubset : undefined;
      for (const [start, end] of parseUnicodeRange(range)) {
        for (let code = start; code <= end; code++) if (!owner.has(code)) owner.set(code, entrySubset);
      }
    }
  }
  if (!latin) throw new Error('@fontsource/inter has no latin subset');

  const files = new Map<string, Buffer>();
  const fileOf = ({ family, subset }: Subset, weight: Weight) =>
    join(family.dir, 'files', `${family.id}-${subset.replace(/^\[(\d+)\]$/, '$1')}-${weight}-normal.woff`);
  const fontsOf = (entry: Subset): CardFont[] =>
    WEIGHTS.map((weight) => {
      const { family, subset } = entry;
      const path = fileOf(entry, weight);
      let data = files.get(path);
      if (!data) {
        try {
          data = readFileSync(path);
        } catch (error) {
          throw new Error(`Cannot read the OG card font ${path}`, { cause: error });
        }
        files.set(path, data);
      }
      const name = family.name === CARD_FONT_FAMILY && subset === 'latin' ? CARD_FONT_FAMILY : `${family.name} ${subset}`;
      return { name, data, weight, style: 'normal' as const };
    });

  const base = fontsOf(latin);
  // The Latin files are hashed in full; the other subsets by package name and version (they are many).
  const hash = createHash('sha256');
  for (const font of base) hash.update(font.data);
  hash.update(packages.join('\n'));
  const fingerprint = hash.digest('hex').slice(0, 16);

  // Satori keeps one font loader per fonts array: hand out the same array for the same subsets.
  const arrays = new Map<string, CardFont[]>();
  const MAX_ARRAYS = 32;
  const fonts: CardFonts = {
    fingerprint,
    packages,
    families,
    files: subsets.flatMap((entry) => WEIGHTS.map((weight) => fileOf(entry, weight))),
    fontsFor(text: string) {
      const needed = new Set<Subset>();
      for (const char of text) {
        const found = owner.get(char.codePointAt(0)!);
        if (found && found !== latin) needed.add(found);
      }
      if (needed.size === 0) return base;
      const subsets = [...needed].sort((a, b) => a.order - b.order);
      const key = subsets.map((subset) => subset.order).join(' ');
      let array = arrays.get(key);
      if (array) {
        arrays.delete(key);
      } else {
        array = [...base, ...subsets.flatMap(fontsOf)];
        if (arrays.size >= MAX_ARRAYS) arrays.delete(arrays.keys().next().value!);
      }
      arrays.set(key, array);
      return array;
    },
  };
  fontCache.set(root, fonts);
  return fonts;
}

/**
 * Draws a card as SVG: satori's layout, each line's words a `<text>` at the position satori
 * measured (compact-svg.ts), drawn by librsvg with the same fonts (text-fonts.ts). With
 * `embedFont: true` the words are satori's glyph outlines instead, as satori writes them (what
 * tests compare the text with).
 */
export async function cardSvg(input: CardInput, fonts: CardFonts, options: { embedFont?: boolean } = {}): Promise<string> {
  const embedFont = options.embedFont ?? false;
  const svg = await satori(cardElement(input) as unknown as Parameters<typeof satori>[0], {
    width: CARD_WIDTH,
    height: CARD_HEIGHT,
    fonts: fonts.fontsFor(cardText(input)),
    embedFont,
  });
  return embedFont ? svg : compactCardSvg(svg);
}
