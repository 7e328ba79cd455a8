/**
 * OG cards (1200×630): what each card says, and how it looks.
 *
 *   model ──cardInputs──▶ [{ path, input: CardInput }] ──cardElement──▶ element tree ──satori──▶ SVG
 *
 * `cardInputs` is pure: it reads only the audience-filtered model, so a card can say nothing a page
 * of the same build does not. `cardElement` is pure too; every string goes into the tree as a text
 * node (never as markup), so `<img onerror=…>` in a title is drawn as those characters.
 *
 * Fonts come from @fontsource packages on disk (`.woff`: satori rejects WOFF2). Inter draws Latin,
 * Greek, Cyrillic and Vietnamese; Noto Sans adds Devanagari; Noto Sans JP draws kana and CJK
 * ideographs. Other installed `@fontsource/noto-sans-{kr,sc,tc,arabic,hebrew,thai}` packages join
 * the stack automatically. Each card loads only the font subsets its text needs.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import satori from 'satori';
import type { CollectionName } from '../../schemas/common.ts';
import { cardPath, sectionCardPath, tagCardPath, type AnyView, type Model, type Ref } from '../model.ts';
import { collectionLabel, humanize, severityLabel, severityTone, statusTone, type Tone } from '../presentation.ts';

export const CARD_WIDTH = 1200;
export const CARD_HEIGHT = 630;
/** Bump whenever the layout changes: it is part of every cache key, so old cards are redrawn. */
export const LAYOUT_VERSION = 1;
/** The title is clamped to this many lines, with an ellipsis after the last. */
export const TITLE_MAX_LINES = 3;

export interface CardBadge {
  text: string;
  tone: Tone;
}

/** Everything a card shows. Plain data: its JSON is the card's cache key (with layout and fonts). */
export interface CardInput {
  /** "Postmortem", "SLO", "Section", … */
  type: string;
  title: string;
  /** Severity (postmortems) or status (everything else). */
  badge?: CardBadge;
  /** Under the title (at most two lines): version and train, objective and window, owner, description. */
  detail?: string;
  /** Names of the services the entry concerns (only ones the audience may see). */
  services: string[];
  /** Footer text, e.g. "Incident 2026-03-02". */
  date?: string;
  siteName: string;
}

export interface CardJob {
  /** Path of the PNG in the build output, e.g. `/og/postmortems/<id>.png`. */
  path: string;
  input: CardInput;
}

// ── What each card says ──────────────────────────────────────────────────────────────────────

const visibleTitles = (refs: readonly Ref[]) => refs.flatMap((ref) => (ref.visible ? [ref.title] : []));
const visibleTitle = (ref: Ref | undefined) => (ref?.visible ? ref.title : undefined);

/** The card of one visible entry. */
export function entryCardInput(model: Model, view: AnyView): CardInput {
  const siteName = model.site.name;
  const type = collectionLabel(view.collection);
  const base = { type, title: view.title, siteName, services: [] as string[] };
  switch (view.collection) {
    case 'postmortems': {
      const status = view.data.status;
      return {
        ...base,
        badge: { text: `${view.severity} · ${severityLabel(model.config, view.severity)}`, tone: severityTone(model.config, view.severity) },
        detail: status === 'published' ? undefined : humanize(status),
        services: visibleTitles(view.services),
        date: view.date ? `Incident ${view.date}` : undefined,
      };
    }
    case 'slos': {
      const retired = view.data.status !== 'active';
      const service = visibleTitle(view.service);
      return {
        ...base,
        badge: retired ? { text: humanize(view.data.status), tone: statusTone(view.data.status) } : { text: `Budget ${humanize(view.budget.status).toLowerCase()}`, tone: statusTone(view.budget.status) },
        detail: `${view.data.objective}% over ${view.data.window}`,
        services: service ? [service] : [],
      };
    }
    case 'releases': {
      const data = view.data;
      return {
        ...base,
        badge: { text: humanize(data.status), tone: statusTone(data.status) },
        detail: view.title === data.version ? `Train ${data.train}` : `Version ${data.version} · train ${data.train}`,
        services: visibleTitles(view.services),
        date: `${data.status === 'shipped' || data.status === 'rolled-back' ? 'Released' : 'Planned'} ${data.date}`,
      };
    }
    case 'prds': {
      const owner = visibleTitle(view.owner);
      return {
        ...base,
        badge: { text: humanize(view.data.status), tone: statusTone(view.data.status) },
        detail: owner ? `Owned by ${owner}` : undefined,
        date: `Created ${view.data.created}`,
      };
    }
    case 'handbook': {
      const owner = visibleTitle(view.owner);
      return {
        ...base,
        badge: view.stale ? { text: 'Review overdue', tone: 'warn' } : undefined,
        detail: owner ? `Owned by ${owner}` : undefined,
        date: `Reviewed ${view.data.lastReviewed}`,
      };
    }
    case 'services': {
      const team = visibleTitle(view.team);
      return {
        ...base,
        badge: { text: `Tier ${view.data.tier}`, tone: view.data.tier === 1 ? 'bad' : view.data.tier === 2 ? 'warn' : 'info' },
        detail: team ? `Run by ${team}` : undefined,
        services: visibleTitles(view.dependsOn).map((name) => `→ ${name}`),
      };
    }
    case 'teams':
      return {
        ...base,
        services: model.services.filter((service) => service.team.visible && service.team.id === view.id).map((service) => service.title),
      };
  }
}

const plural = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;

/** The section pages' cards, keyed by the name `sectionCardPath` takes. */
export function sectionCardInputs(model: Model): { section: string; input: CardInput }[] {
  const siteName = model.site.name;
  const section = (name: string, title: string, detail: string) => ({ section: name, input: { type: 'Section', title, detail, services: [], siteName } });
  const published = model.postmortems.filter((pm) => pm.data.status === 'published').length;
  const overdue = model.actionItems.filter((item) => item.overdue).length;
  return [
    { section: 'home', input: { type: 'Handbook', title: siteName, detail: model.site.description, services: [], siteName } },
    section('postmortems', 'Postmortems', `${plural(model.postmortems.length, 'incident review')}, ${published} published`),
    section('slos', 'Service level objectives', plural(model.slos.length, 'SLO')),
    section('releases', 'Releases', `${plural(model.releases.length, 'release')} · next train ${model.nextTrain.id} on ${model.nextTrain.date}`),
    section('prds', 'Product requirements', `${plural(model.prds.length, 'PRD')} · next review ${model.nextReviewSession}`),
    section('handbook', 'Handbook', plural(model.handbook.length, 'process page')),
    section('action-items', 'Action items', `${plural(model.actionItems.length, 'action item')}, ${overdue} overdue`),
    section('insights', 'Insights', 'Trends across incidents, budgets and releases'),
    section('search', 'Search', 'Postmortems, SLOs, releases, PRDs and process pages'),
    section('services', 'Services', plural(model.services.length, 'service')),
    section('teams', 'Teams', plural(model.teams.length, 'team')),
    section('tags', 'Tags', plural(model.tags.length, 'tag')),
  ];
}

/** Every card the build publishes: each visible entry, each section page and each tag page. */
export function cardInputs(model: Model): CardJob[] {
  const jobs: CardJob[] = model.all().map((view) => ({ path: cardPath(view.collection as CollectionName, view.id), input: entryCardInput(model, view) }));
  for (const { section, input } of sectionCardInputs(model)) jobs.push({ path: sectionCardPath(section), input });
  for (const tag of model.tags) {
    jobs.push({ path: tagCardPath(tag.slug), input: { type: 'Tag', title: tag.label, detail: plural(tag.entries.length, 'entry', 'entries'), services: [], siteName: model.site.name } });
  }
  return jobs;
}

// ── How a card looks ─────────────────────────────────────────────────────────────────────────

/** A satori element: `{ type, props: { style, children } }`; strings are text nodes. */
export interface CardElement {
  type: 'div' | 'span';
  props: { style: Record<string, string | number>; children?: CardChild | CardChild[] };
}
export type CardChild = CardElement | string;

const PALETTE = {
  background: '#15181d',
  panel: '#1e232a',
  foreground: '#e8eaed',
  muted: '#b4bcc8',
  border: '#39414d',
  accent: '#c4b5fd',
};
const TONES: Record<Tone, { fg: string; bg: string; bar: string }> = {
  bad: { fg: '#f9a8a1', bg: '#431a17', bar: '#e5534b' },
  warn: { fg: '#fcd38b', bg: '#3a2a0c', bar: '#e0a526' },
  ok: { fg: '#8fdca5', bg: '#17331f', bar: '#3fb45f' },
  info: { fg: '#8ab4f8', bg: '#172a4a', bar: '#4a86e8' },
  neutral: { fg: '#d5d9e0', bg: '#2a3038', bar: '#8a94a3' },
};
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
const oneLine = (style: CardElement['props']['style'], text: string) =>
  el('div', { display: 'block', lineClamp: 1, ...style }, text);

/** Title size by length, so short titles are big and long ones still fit three lines. */
export function titleFontSize(title: string): number {
  const length = [...title].length;
  return length <= 32 ? 76 : length <= 60 ? 64 : 54;
}

/** The element tree of one card. Pure; every value is a text node. */
export function cardElement(input: CardInput): CardElement {
  const tone = TONES[input.badge?.tone ?? 'neutral'];
  const bar = input.badge ? tone.bar : PALETTE.accent;
  const services = input.services.slice(0, MAX_SERVICES);
  const more = input.services.length - services.length;
  // Chips share the row: each gets an equal width at most, so the row never overflows the card.
  const chipWidth = services.length ? Math.min(360, Math.floor((CONTENT_WIDTH - (more > 0 ? 120 : 0)) / services.length) - 12) : 0;

  const header = el('div', { display: 'flex', flexDirection: 'row', alignItems: 'center', justifyContent: 'space-between', width: '100%' }, [
    oneLine({ fontSize: 28, fontWeight: 700, letterSpacing: 3, textTransform: 'uppercase', color: PALETTE.accent, maxWidth: 620 }, input.type),
    ...(input.badge
      ? [oneLine({ fontSize: 28, fontWeight: 700, color: tone.fg, backgroundColor: tone.bg, border: `2px solid ${tone.bar}`, borderRadius: 999, padding: '8px 24px', maxWidth: 420 }, input.badge.text)]
      : []),
  ]);

  const title = el('div', { display: 'flex', flexDirection: 'column', justifyContent: 'center', flexGrow: 1, width: '100%' }, [
    el(
      'div',
      { display: 'block', lineClamp: TITLE_MAX_LINES, fontSize: titleFontSize(input.title), fontWeight: 700, lineHeight: 1.15, color: PALETTE.foreground, wordBreak: 'break-word' },
      input.title,
    ),
    ...(input.detail ? [el('div', { display: 'block', lineClamp: 2, fontSize: 30, lineHeight: 1.3, color: PALETTE.muted, marginTop: 20 }, input.detail)] : []),
  ]);

  const chips = el(
    'div',
    { display: 'flex', flexDirection: 'row', flexWrap: 'nowrap', minHeight: 52, width: '100%' },
    [
      ...services.map((name) =>
        oneLine({ fontSize: 24, color: PALETTE.foreground, backgroundColor: PALETTE.panel, border: `2px solid ${PALETTE.border}`, borderRadius: 8, padding: '8px 16px', marginRight: 12, maxWidth: chipWidth }, name),
      ),
      ...(more > 0 ? [oneLine({ fontSize: 24, color: PALETTE.muted, padding: '10px 4px' }, `+${more} more`)] : []),
    ],
  );

  const rule = el('div', { display: 'flex', width: '100%', height: 2, marginTop: 22, backgroundColor: PALETTE.border });
  const footer = el('div', { display: 'flex', flexDirection: 'row', alignItems: 'center', justifyContent: 'space-between', width: '100%', paddingTop: 22 }, [
    oneLine({ fontSize: 28, color: PALETTE.muted, maxWidth: 520 }, input.date ?? ''),
    oneLine({ fontSize: 28, fontWeight: 700, color: PALETTE.foreground, maxWidth: 560 }, input.siteName),
  ]);

  return el('div', { display: 'flex', flexDirection: 'row', width: CARD_WIDTH, height: CARD_HEIGHT, backgroundColor: PALETTE.background, fontFamily: CARD_FONT_FAMILY }, [
    el('div', { display: 'flex', width: BAR_WIDTH, height: CARD_HEIGHT, backgroundColor: bar }),
    el('div', {
      display: 'flex',
      flexDirection: 'column',
      boxSizing: 'border-box',
      width: CARD_WIDTH - BAR_WIDTH,
      height: CARD_HEIGHT,
      padding: `${PADDING.top}px ${PADDING.right}px ${PADDING.bottom}px ${PADDING.left}px`,
    }, [header, title, chips, rule, footer]),
  ]);
}

/** Every string a card draws (for choosing font subsets and for leak tests). */
export function cardText(input: CardInput): string {
  return [input.type, input.title, input.badge?.text ?? '', input.detail ?? '', ...input.services, input.date ?? '', input.siteName, '…', `+${input.services.length} more`].join('\n');
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
    const ranges = JSON.parse(readFileSync(join(dir, 'unicode.json'), 'utf8')) as Record<string, string>;
    const first = (subset: string) => (subset === 'latin' ? 0 : subset === 'latin-ext' ? 1 : 2);
    for (const [subset, range] of Object.entries(ranges).sort(([a], [b]) => first(a) - first(b))) {
      const entrySubset: Subset = { family, subset, order: order++ };
      latin ??= subset === 'latin' ? entrySubset : undefined;
      for (const [start, end] of parseUnicodeRange(range)) {
        for (let code = start; code <= end; code++) if (!owner.has(code)) owner.set(code, entrySubset);
      }
    }
  }
  if (!latin) throw new Error('@fontsource/inter has no latin subset');

  const files = new Map<string, Buffer>();
  const fontsOf = ({ family, subset }: Subset): CardFont[] =>
    WEIGHTS.map((weight) => {
      const path = join(family.dir, 'files', `${family.id}-${subset.replace(/^\[(\d+)\]$/, '$1')}-${weight}-normal.woff`);
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

/** Draws a card as SVG. With `embedFont: false` text stays `<text>` (for tests); by default it is paths. */
export async function cardSvg(input: CardInput, fonts: CardFonts, options: { embedFont?: boolean } = {}): Promise<string> {
  return satori(cardElement(input) as unknown as Parameters<typeof satori>[0], {
    width: CARD_WIDTH,
    height: CARD_HEIGHT,
    fonts: fonts.fontsFor(cardText(input)),
    embedFont: options.embedFont ?? true,
  });
}
