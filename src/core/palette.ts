/**
 * The one palette: every colour of the site, its charts and its OG cards, for both themes. The
 * layout turns it into CSS custom properties (`paletteCss`), the charts use its light values as
 * SVG fallbacks, and the cards (which are dark) use its dark values, so no colour is written twice.
 * Tone names are those of `presentation.ts`; a unit test computes the WCAG contrast of every pair.
 */
import type { Tone } from './presentation.ts';

/** A colour in each theme, as `#rrggbb`. */
export interface ThemedColor {
  light: string;
  dark: string;
}

/** How a badge of one tone looks: text, fill and border, plus a strong mark for bars and cards. */
export interface ToneColors {
  fg: ThemedColor;
  bg: ThemedColor;
  border: ThemedColor;
  /** A saturated mark (OG card edge, chart marks); not for text. */
  mark: ThemedColor;
}

const c = (light: string, dark: string): ThemedColor => ({ light, dark });

/** The page's base colours (`--bg`, `--fg`, …). */
export const BASE = {
  bg: c('#ffffff', '#15181d'),
  'bg-soft': c('#f4f5f7', '#1e232a'),
  fg: c('#1b1f24', '#e8eaed'),
  'fg-soft': c('#4a5360', '#b4bcc8'),
  border: c('#d5d9e0', '#39414d'),
  link: c('#0b57d0', '#8ab4f8'),
  accent: c('#5b3cc4', '#c4b5fd'),
  focus: c('#c2410c', '#fdba74'),
  'neutral-bg': c('#eceef2', '#2a3038'),
} as const satisfies Record<string, ThemedColor>;

/**
 * Badge tones. Statuses use bad … neutral (tinted fill, coloured text). Severities and priorities
 * use one salience scale: `critical` is a solid fill in both themes, `high` a strong tint, `moderate`
 * a pale tint, `low` an outline only — so the most severe level is the most salient in light and
 * dark alike and every level is distinct.
 */
export const TONE_COLORS: Record<Tone, ToneColors> = {
  bad: { fg: c('#b3261e', '#f9a8a1'), bg: c('#fde7e5', '#431a17'), border: c('#b3261e', '#f9a8a1'), mark: c('#d93025', '#e5534b') },
  warn: { fg: c('#8a4b00', '#fcd38b'), bg: c('#fff1d6', '#3a2a0c'), border: c('#8a4b00', '#fcd38b'), mark: c('#c77700', '#e0a526') },
  ok: { fg: c('#146c2e', '#8fdca5'), bg: c('#e3f4e8', '#17331f'), border: c('#146c2e', '#8fdca5'), mark: c('#1e8e3e', '#3fb45f') },
  info: { fg: c('#0b57d0', '#8ab4f8'), bg: c('#e4edfc', '#172a4a'), border: c('#0b57d0', '#8ab4f8'), mark: c('#1a73e8', '#4a86e8') },
  neutral: { fg: c('#4a5360', '#d5d9e0'), bg: c('#eceef2', '#2a3038'), border: c('#4a5360', '#d5d9e0'), mark: c('#6b7685', '#8a94a3') },
  critical: { fg: c('#ffffff', '#1f0604'), bg: c('#b3261e', '#ff8a80'), border: c('#b3261e', '#ff8a80'), mark: c('#b3261e', '#ff6b60') },
  high: { fg: c('#7a2e00', '#ffd1ad'), bg: c('#ffcfa8', '#7a3300'), border: c('#c2410c', '#ff9a57'), mark: c('#e8650f', '#f08c3c') },
  moderate: { fg: c('#5f4b00', '#f3dc85'), bg: c('#fff6cc', '#332c0c'), border: c('#a08000', '#a08a2e'), mark: c('#d4ac0d', '#d9bb3f') },
  low: { fg: c('#4a5360', '#b4bcc8'), bg: c('#ffffff', '#15181d'), border: c('#8a94a3', '#6b7685'), mark: c('#8a94a3', '#6b7685') },
};

/** Chart series colours in order (`--chart-1` …): distinct in hue and lightness in each theme. */
export const CHART_SERIES: readonly ThemedColor[] = [
  c('#5b3cc4', '#c4b5fd'),
  c('#0b7285', '#5eead4'),
  c('#c2410c', '#fdba74'),
  c('#1d4ed8', '#93c5fd'),
  c('#a21caf', '#f0abfc'),
  c('#4d7c0f', '#bef264'),
  c('#a16207', '#fde047'),
  c('#475569', '#cbd5e1'),
];

/** Every custom property the palette defines, name (without `--`) → colour. */
export function paletteVariables(): Record<string, ThemedColor> {
  return VARIABLES;
}

const VARIABLES = ((): Record<string, ThemedColor> => {
  const variables: Record<string, ThemedColor> = { ...BASE };
  for (const [tone, colors] of Object.entries(TONE_COLORS)) {
    variables[tone] = colors.fg;
    variables[`${tone}-bg`] = colors.bg;
    variables[`${tone}-border`] = colors.border;
    variables[`${tone}-mark`] = colors.mark;
  }
  CHART_SERIES.forEach((color, index) => (variables[`chart-${index + 1}`] = color));
  return variables;
})();

/** A custom property's value in one theme (the charts' fallback for SVG shown on its own). */
export function paletteValue(name: string, theme: 'light' | 'dark' = 'light'): string | undefined {
  return paletteVariables()[name.replace(/^--/, '')]?.[theme];
}

/**
 * The palette as CSS: each custom property is `light-dark(light, dark)`, so the system setting
 * picks one unless the reader's choice (`data-theme`) pins the colour scheme; and one badge rule
 * per tone, so a new tone needs no CSS edit.
 */
export function paletteCss(): string {
  // Every page carries it; it depends on nothing but this module.
  return (css ??= buildPaletteCss());
}
let css: string | undefined;

function buildPaletteCss(): string {
  const variables = Object.entries(paletteVariables()).map(([name, color]) => `--${name}:light-dark(${color.light},${color.dark});`);
  const badges = Object.keys(TONE_COLORS).map(
    (tone) => `.badge.tone-${tone}{color:var(--${tone});background:var(--${tone}-bg);border-color:var(--${tone}-border)}`,
  );
  return `:root{${variables.join('')}}\n${badges.join('\n')}`;
}

/** WCAG 2 relative luminance of `#rrggbb`. */
export function relativeLuminance(hex: string): number {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!match) throw new Error(`${hex} is not a #rrggbb colour`);
  const [r, g, b] = match.slice(1).map((part) => {
    const channel = parseInt(part, 16) / 255;
    return channel <= 0.04045 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

/** WCAG 2 contrast ratio of two colours, 1 … 21. */
export function contrastRatio(a: string, b: string): number {
  const [light, dark] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x);
  return (light! + 0.05) / (dark! + 0.05);
}
