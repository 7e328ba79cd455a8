/**
 * Build-time SVG charts: pure functions from numbers to an SVG string plus the same numbers as a
 * table. No JavaScript runs in the browser. Colours are the CSS custom properties of the palette
 * (`src/core/palette.ts`; `style="fill:var(--chart-1)"`, with its light value in the presentation attribute as a fallback
 * where custom properties do not apply), so charts follow the light and dark themes. Every text
 * that reaches the SVG is escaped.
 */
import { formatNumber } from '../core/presentation.ts';
import { paletteValue } from '../core/palette.ts';
import { escapeXml } from '../core/xml.ts';

/** The same numbers as the chart, for screen readers and print (`<details class="data-table">`). */
export interface ChartTable {
  caption: string;
  /** Column headers; the first column holds the row headers. */
  columns: string[];
  rows: string[][];
}

export interface RenderedChart {
  /** Unique on the page: the SVG's title and desc ids derive from it. */
  id: string;
  title: string;
  description: string;
  /** `<svg role="img" aria-labelledby="<id>-title <id>-desc">…</svg>`, drawn 640 units wide. */
  svg: string;
  /**
   * The same chart drawn 360 units wide (ids suffixed `-narrow`), for phones: shown at about its
   * own width, its 12-unit text stays about 12 px, where the wide one would shrink to 7 px.
   */
  narrowSvg?: string;
  table: ChartTable;
}

/** Colours: a CSS custom property of global.css. */
export type ChartColor = `--${string}`;

/** Series colours in order; distinct in hue and lightness, defined for both themes. */
export const PALETTE: ChartColor[] = [
  '--chart-1',
  '--chart-2',
  '--chart-3',
  '--chart-4',
  '--chart-5',
  '--chart-6',
  '--chart-7',
  '--chart-8',
];

/** Presentation attributes with plain colours, overridden by a style with the custom properties. */
function paint(property: 'fill' | 'stroke', color: ChartColor, also?: { stroke: ChartColor }): string {
  const colors: [string, ChartColor][] = [[property, color], ...(also ? ([['stroke', also.stroke]] as [string, ChartColor][]) : [])];
  const attributes = colors.map(([name, value]) => `${name}="${paletteValue(value) ?? 'currentColor'}"`).join(' ');
  return `${attributes} style="${colors.map(([name, value]) => `${name}:var(${value})`).join(';')}"`;
}

const attributeId = (id: string) => id.replace(/[^A-Za-z0-9_-]/g, '-');

/**
 * Round tick values from 0 to at least `max` (about `count` steps of 1, 2, 2.5 or 5 × 10ⁿ).
 * With `integer`, steps are whole numbers (for counts).
 */
export function niceTicks(max: number, count = 4, integer = false): number[] {
  if (!(max > 0) || !Number.isFinite(max)) return [0, 1];
  const rough = max / count;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const factors = integer ? [1, 2, 5, 10] : [1, 2, 2.5, 5, 10];
  let step = factors.map((factor) => factor * magnitude).find((candidate) => candidate >= rough)!;
  if (integer) step = Math.max(1, Math.round(step));
  const ticks: number[] = [];
  for (let value = 0; value < max + step * 1e-9; value += step) ticks.push(Number(value.toPrecision(12)));
  if (ticks.at(-1)! < max) ticks.push(Number((ticks.at(-1)! + step).toPrecision(12)));
  return ticks;
}

/** A unit for durations in minutes so axis labels stay short: minutes, hours or days. */
export function durationUnit(maxMinutes: number): { unit: string; short: string; divisor: number } {
  if (maxMinutes >= 3 * 1440) return { unit: 'days', short: 'd', divisor: 1440 };
  if (maxMinutes >= 180) return { unit: 'hours', short: 'h', divisor: 60 };
  return { unit: 'minutes', short: 'min', divisor: 1 };
}

/** The width of a chart's viewBox on wide screens, and on phones (`narrowSvg`). */
export const WIDE = 640;
export const NARROW = 360;
const FONT = 12;
/** Where the legend starts. */
const LEGEND_X = 8;
/** Approximate width of a character at FONT size. */
const CHAR = 6.8;
const RIGHT = 20;
const TOP = 16;
const X_AXIS = 30;
const LEGEND_ROW = 20;

interface Frame {
  width: number;
  height: number;
  /** The plot's left edge: room for the tick labels and the axis label. */
  left: number;
  plotBottom: number;
  plotHeight: number;
  y: (value: number) => number;
  ticks: number[];
  axisFormat: (value: number) => string;
  yLabel?: string;
}

function frame(
  width: number,
  maxValue: number,
  legendRows: number,
  axis: { format: (value: number) => string; yLabel?: string; integer?: boolean },
  plotHeight = 200,
): Frame {
  const ticks = niceTicks(maxValue, 4, axis.integer);
  const top = ticks.at(-1)!;
  const plotBottom = TOP + plotHeight;
  const labelWidth = Math.max(...ticks.map((tick) => axis.format(tick).length)) * CHAR;
  return {
    width,
    height: plotBottom + X_AXIS + legendRows * LEGEND_ROW + 6,
    left: Math.round(Math.max(40, 8 + (axis.yLabel ? 20 : 0) + labelWidth + 8)),
    plotBottom,
    plotHeight,
    y: (value) => plotBottom - (Math.max(0, value) / top) * plotHeight,
    ticks,
    axisFormat: axis.format,
    yLabel: axis.yLabel,
  };
}

function num(value: number): string {
  return String(Math.round(value * 10) / 10);
}

/** The x axis line, drawn over the plot so bars and areas do not hide it. */
function baseline(f: Frame): string {
  return `<line x1="${f.left}" x2="${f.width - RIGHT}" y1="${f.plotBottom}" y2="${f.plotBottom}" ${paint('stroke', '--fg-soft')} stroke-width="1"/>`;
}

function gridAndAxis(f: Frame): string {
  const lines = f.ticks.map((tick) => {
    const y = num(f.y(tick));
    return (
      `<line x1="${f.left}" x2="${f.width - RIGHT}" y1="${y}" y2="${y}" ${paint('stroke', '--border')} stroke-width="1"/>` +
      `<text x="${f.left - 6}" y="${y}" dy="0.32em" text-anchor="end" font-size="${FONT}" ${paint('fill', '--fg-soft')}>${escapeXml(f.axisFormat(tick))}</text>`
    );
  });
  const middle = num(TOP + f.plotHeight / 2);
  const label = f.yLabel
    ? `<text x="14" y="${middle}" transform="rotate(-90 14 ${middle})" text-anchor="middle" font-size="${FONT}" ${paint('fill', '--fg-soft')}>${escapeXml(f.yLabel)}</text>`
    : '';
  return `<g class="grid">${lines.join('')}${label}</g>`;
}

interface LegendItem {
  label: string;
  color: ChartColor;
  kind: 'box' | 'line';
  dash?: string;
}

function legendLayout(
  items: readonly LegendItem[],
  chartWidth: number,
): { rows: number; place: (index: number) => { x: number; row: number } } {
  const positions: { x: number; row: number }[] = [];
  let x = LEGEND_X;
  let row = 0;
  for (const item of items) {
    const width = 26 + item.label.length * CHAR + 14;
    if (x + width > chartWidth - RIGHT && x > LEGEND_X) {
      row++;
      x = LEGEND_X;
    }
    positions.push({ x, row });
    x += width;
  }
  return { rows: items.length ? row + 1 : 0, place: (index) => positions[index] };
}

function legend(items: readonly LegendItem[], top: number, width: number): string {
  if (items.length < 2 && !items.some((item) => item.kind === 'line')) return '';
  const layout = legendLayout(items, width);
  return `<g class="legend">${items
    .map((item, index) => {
      const { x, row } = layout.place(index);
      const y = top + row * LEGEND_ROW;
      const swatch =
        item.kind === 'box'
          ? `<rect x="${x}" y="${y - 10}" width="14" height="14" rx="2" ${paint('fill', item.color)}/>`
          : `<line x1="${x}" x2="${x + 18}" y1="${y - 3}" y2="${y - 3}" stroke-width="3" ${paint('stroke', item.color)}${item.dash ? ` stroke-dasharray="${item.dash}"` : ''}/>`;
      return `${swatch}<text x="${x + 22}" y="${y}" font-size="${FONT}" ${paint('fill', '--fg')}>${escapeXml(item.label)}</text>`;
    })
    .join('')}</g>`;
}

function svgDocument(width: number, id: string, title: string, description: string, height: number, body: string): string {
  const safe = attributeId(id);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-labelledby="${safe}-title ${safe}-desc" font-family="inherit">` +
    `<title id="${safe}-title">${escapeXml(title)}</title><desc id="${safe}-desc">${escapeXml(description)}</desc>${body}</svg>`
  );
}

/** The estimated width of an axis label at the charts' font size. */
export function textWidth(label: string): number {
  return label.length * CHAR;
}

/**
 * Which of `labels`, spread along an axis `plotWidth` wide, to print so that no two overlap or
 * run off the axis: every k-th from the first, with k as small as the labels' widths allow.
 * `points` (line charts): label i stands at i/(n-1) of the axis, the first anchored at its
 * start and the last at its end, and the last (latest) is always printed, in place of the one
 * before it when the two would collide. `bands` (bar charts): each label centred in its band.
 */
export function thinTicks(labels: readonly string[], plotWidth: number, placement: 'points' | 'bands', gap = 8): number[] {
  const n = labels.length;
  if (n <= 1) return n === 1 ? [0] : [];
  const extent = (index: number): [number, number] => {
    const width = textWidth(labels[index]);
    if (placement === 'bands') {
      const centre = ((index + 0.5) * plotWidth) / n;
      return [centre - width / 2, centre + width / 2];
    }
    const x = (index / (n - 1)) * plotWidth;
    return index === 0 ? [x, x + width] : index === n - 1 ? [x - width, x] : [x - width / 2, x + width / 2];
  };
  const fits = (chosen: number[]) => chosen.every((index, at) => at === 0 || extent(chosen[at - 1])[1] + gap <= extent(index)[0]);
  for (let step = 1; step < n; step++) {
    const chosen: number[] = [];
    for (let index = 0; index < n; index += step) chosen.push(index);
    if (placement === 'points' && chosen.at(-1) !== n - 1) {
      const withLast = [...chosen, n - 1];
      if (fits(withLast)) return withLast;
      const replaced = [...chosen.slice(0, -1), n - 1];
      if (replaced.length > 1 && fits(replaced)) return replaced;
      continue;
    }
    if (fits(chosen)) return chosen;
  }
  return placement === 'points' ? [n - 1] : [0];
}

/** Shortens a label to about `width` pixels (the full text stays in the table and tooltip). */
export function fitLabel(label: string, width: number): string {
  const chars = Math.max(3, Math.floor(width / 6.8));
  return label.length <= chars ? label : `${label.slice(0, chars - 1)}…`;
}

function formatCell(value: number | undefined, format: (value: number) => string): string {
  return value === undefined || Number.isNaN(value) ? '—' : format(value);
}

/** A chart's viewBox width; the public chart functions draw it at WIDE and at NARROW when unset. */
interface ChartWidth {
  width?: number;
}

/** The chart at its width, plus (unless a width was asked for) the narrow drawing for phones. */
function withNarrow<S extends ChartWidth & { id: string }>(spec: S, draw: (spec: S) => RenderedChart): RenderedChart {
  const chart = draw(spec);
  if (spec.width !== undefined) return chart;
  return { ...chart, narrowSvg: draw({ ...spec, width: NARROW, id: `${spec.id}-narrow` }).svg };
}

// ───────────────────────────── Bar chart ─────────────────────────────

export interface BarSeries {
  label: string;
  /** One value per category; `undefined` = no data (no bar, "—" in the table). */
  values: (number | undefined)[];
  color?: ChartColor;
}

export interface BarChartSpec extends ChartWidth {
  id: string;
  title: string;
  description: string;
  /** The x-axis categories, e.g. months. */
  categories: string[];
  series: BarSeries[];
  /** `stacked` (default): one bar per category, a segment per series. `grouped`: bars side by side. */
  layout?: 'stacked' | 'grouped';
  /** Header of the table's first column, e.g. "Month". */
  categoryHeader?: string;
  yLabel?: string;
  /** Values in the table and tooltips. */
  format?: (value: number) => string;
  /** Values on the y axis; defaults to `format`. */
  axisFormat?: (value: number) => string;
  /** Whole-number ticks (counts). */
  integer?: boolean;
}

export function barChart(spec: BarChartSpec): RenderedChart {
  return withNarrow(spec, drawBarChart);
}

function drawBarChart(spec: BarChartSpec): RenderedChart {
  const WIDTH = spec.width ?? WIDE;
  const format = spec.format ?? ((value: number) => formatNumber(value));
  const layout = spec.layout ?? 'stacked';
  const colors = spec.series.map((series, index) => series.color ?? PALETTE[index % PALETTE.length]);
  const value = (series: number, category: number) => spec.series[series].values[category];
  const totals = spec.categories.map((_, c) => spec.series.reduce((sum, _s, s) => sum + (value(s, c) ?? 0), 0));
  const max =
    layout === 'stacked' ? Math.max(0, ...totals) : Math.max(0, ...spec.series.flatMap((series) => series.values.map((v) => v ?? 0)));
  const legendItems: LegendItem[] = spec.series.map((series, index) => ({ label: series.label, color: colors[index], kind: 'box' }));
  const legendRows = legendItems.length > 1 ? legendLayout(legendItems, WIDTH).rows : 0;
  const f = frame(WIDTH, max, legendRows, { format: spec.axisFormat ?? format, yLabel: spec.yLabel, integer: spec.integer });
  const plotWidth = WIDTH - f.left - RIGHT;
  const band = plotWidth / Math.max(1, spec.categories.length);
  const barWidth = Math.min(56, band * 0.7);
  const labelled = new Set(thinTicks(spec.categories, plotWidth, 'bands'));

  const bars = spec.categories.map((category, c) => {
    const x0 = f.left + c * band + (band - barWidth) / 2;
    const parts: string[] = [];
    if (layout === 'stacked') {
      let base = 0;
      spec.series.forEach((series, s) => {
        const v = value(s, c);
        if (!v) return;
        const top = f.y(base + v);
        const bottom = f.y(base);
        parts.push(
          `<rect x="${num(x0)}" y="${num(top)}" width="${num(barWidth)}" height="${num(bottom - top)}" ${paint('fill', colors[s], { stroke: '--bg' })} stroke-width="1"><title>${escapeXml(`${category} · ${series.label}: ${format(v)}`)}</title></rect>`,
        );
        base += v;
      });
    } else {
      const width = barWidth / Math.max(1, spec.series.length);
      spec.series.forEach((series, s) => {
        const v = value(s, c);
        if (v === undefined) return;
        const top = f.y(v);
        parts.push(
          `<rect x="${num(x0 + s * width)}" y="${num(top)}" width="${num(Math.max(1, width - 1))}" height="${num(f.plotBottom - top)}" ${paint('fill', colors[s])}><title>${escapeXml(`${category} · ${series.label}: ${format(v)}`)}</title></rect>`,
        );
      });
    }
    const label = labelled.has(c)
      ? `<text x="${num(f.left + c * band + band / 2)}" y="${f.plotBottom + 18}" text-anchor="middle" font-size="${FONT}" ${paint('fill', '--fg-soft')}>${escapeXml(fitLabel(category, plotWidth))}</text>`
      : '';
    return `<g>${parts.join('')}${label}</g>`;
  });

  const axis = baseline(f);
  const body =
    gridAndAxis(f) +
    `<g class="bars">${bars.join('')}</g>` +
    axis +
    (legendRows ? legend(legendItems, f.plotBottom + X_AXIS + 12, WIDTH) : '');
  const showTotal = layout === 'stacked' && spec.series.length > 1;
  return {
    id: spec.id,
    title: spec.title,
    description: spec.description,
    svg: svgDocument(WIDTH, spec.id, spec.title, spec.description, f.height, body),
    table: {
      caption: spec.title,
      columns: [spec.categoryHeader ?? '', ...spec.series.map((series) => series.label), ...(showTotal ? ['Total'] : [])],
      rows: spec.categories.map((category, c) => [
        category,
        ...spec.series.map((_, s) => formatCell(value(s, c), format)),
        ...(showTotal ? [format(totals[c])] : []),
      ]),
    },
  };
}

// ───────────────────────────── Line / area chart ─────────────────────────────

export interface LineSeries {
  label: string;
  /** One value per point; `undefined` breaks the line. */
  values: (number | undefined)[];
  color?: ChartColor;
  /** Fill the area under the line. */
  area?: boolean;
}

/** A horizontal line across the plot, e.g. the error budget. */
export interface ReferenceLine {
  label: string;
  value: number;
  color?: ChartColor;
  /** `stroke-dasharray`, e.g. "6 4". */
  dash?: string;
}

export interface LineChartSpec extends ChartWidth {
  id: string;
  title: string;
  description: string;
  /** The x-axis points, e.g. dates. */
  points: string[];
  series: LineSeries[];
  references?: ReferenceLine[];
  /** Header of the table's first column, e.g. "Day". */
  pointHeader?: string;
  yLabel?: string;
  /** Values in the table, tooltips and reference labels. */
  format?: (value: number) => string;
  /** Values on the y axis; defaults to `format`. */
  axisFormat?: (value: number) => string;
}

export function lineChart(spec: LineChartSpec): RenderedChart {
  return withNarrow(spec, drawLineChart);
}

function drawLineChart(spec: LineChartSpec): RenderedChart {
  const WIDTH = spec.width ?? WIDE;
  const format = spec.format ?? ((value: number) => formatNumber(value));
  const references = spec.references ?? [];
  const colors = spec.series.map((series, index) => series.color ?? PALETTE[index % PALETTE.length]);
  const refColors = references.map((reference, index) => reference.color ?? PALETTE[(spec.series.length + index) % PALETTE.length]);
  const max = Math.max(
    0,
    ...spec.series.flatMap((series) => series.values.map((v) => v ?? 0)),
    ...references.map((reference) => reference.value),
  );
  const legendItems: LegendItem[] = [
    ...spec.series.map((series, index): LegendItem => ({ label: series.label, color: colors[index], kind: series.area ? 'box' : 'line' })),
    ...references.map((reference, index): LegendItem => ({
      label: reference.label,
      color: refColors[index],
      kind: 'line',
      dash: reference.dash,
    })),
  ];
  const legendRows = legendLayout(legendItems, WIDTH).rows;
  const f = frame(WIDTH, max * 1.05, legendRows, { format: spec.axisFormat ?? format, yLabel: spec.yLabel });
  const plotWidth = WIDTH - f.left - RIGHT;
  const x = (index: number) => f.left + (spec.points.length <= 1 ? plotWidth / 2 : (index / (spec.points.length - 1)) * plotWidth);

  const paths = spec.series.map((series, s) => {
    const segments: [number, number][][] = [];
    let current: [number, number][] = [];
    series.values.forEach((v, index) => {
      if (v === undefined) {
        if (current.length) segments.push(current);
        current = [];
      } else current.push([x(index), f.y(v)]);
    });
    if (current.length) segments.push(current);
    return segments
      .map((points) => {
        const line = points.map(([px, py], index) => `${index ? 'L' : 'M'}${num(px)} ${num(py)}`).join(' ');
        const area = series.area
          ? `<path d="${line} L${num(points.at(-1)![0])} ${f.plotBottom} L${num(points[0][0])} ${f.plotBottom} Z" ${paint('fill', colors[s])} fill-opacity="0.18" stroke="none"/>`
          : '';
        const dot =
          points.length === 1 ? `<circle cx="${num(points[0][0])}" cy="${num(points[0][1])}" r="3" ${paint('fill', colors[s])}/>` : '';
        return `${area}<path d="${line}" fill="none" stroke-width="2.5" stroke-linejoin="round" ${paint('stroke', colors[s])}/>${dot}`;
      })
      .join('');
  });
  const refs = references.map((reference, index) => {
    const y = num(f.y(reference.value));
    return (
      `<line x1="${f.left}" x2="${WIDTH - RIGHT}" y1="${y}" y2="${y}" stroke-width="2" ${paint('stroke', refColors[index])}${reference.dash ? ` stroke-dasharray="${reference.dash}"` : ''}/>` +
      `<text x="${f.left + 4}" y="${num(Number(y) - 5)}" text-anchor="start" font-size="${FONT}" ${paint('fill', refColors[index])}>${escapeXml(`${reference.label}: ${format(reference.value)}`)}</text>`
    );
  });
  const last = spec.points.length - 1;
  const labelled = new Set(thinTicks(spec.points, plotWidth, 'points'));
  const labels = spec.points
    .map((point, index) => {
      if (!labelled.has(index)) return '';
      const anchor = index === 0 ? 'start' : index === last ? 'end' : 'middle';
      return `<text x="${num(x(index))}" y="${f.plotBottom + 18}" text-anchor="${anchor}" font-size="${FONT}" ${paint('fill', '--fg-soft')}>${escapeXml(point)}</text>`;
    })
    .join('');
  const axis = baseline(f);
  const body =
    gridAndAxis(f) +
    `<g class="lines">${paths.join('')}</g><g class="references">${refs.join('')}</g>` +
    axis +
    labels +
    legend(legendItems, f.plotBottom + X_AXIS + 12, WIDTH);
  const referenceNote = references.map((reference) => `${reference.label}: ${format(reference.value)}`).join('; ');
  return {
    id: spec.id,
    title: spec.title,
    description: spec.description,
    svg: svgDocument(WIDTH, spec.id, spec.title, spec.description, f.height, body),
    table: {
      caption: referenceNote ? `${spec.title} (${referenceNote})` : spec.title,
      columns: [spec.pointHeader ?? '', ...spec.series.map((series) => series.label)],
      rows: spec.points.map((point, index) => [point, ...spec.series.map((series) => formatCell(series.values[index], format))]),
    },
  };
}

// ───────────────────────────── Burn-down over time ─────────────────────────────

export interface BurnDownMark {
  /** Epoch ms the charge's bad time began in the window (the table's "began"). */
  at: number;
  /** Epoch ms its bad time ended in the window: where the mark stands, and "remaining after it". */
  end: number;
  /** The incident, e.g. its title. */
  label: string;
  /** Bad minutes of the charge in the window. */
  minutes: number;
  /** Why it does not count, for an excluded charge (drawn apart: hollow, on the raw line). */
  excluded?: string;
}

export interface BurnDownSpec extends ChartWidth {
  id: string;
  title: string;
  description: string;
  /** The x axis, epoch ms: the window (a calendar period runs past the as-of instant). */
  start: number;
  end: number;
  /** The error budget in minutes (where the line starts). */
  budget: number;
  /** Remaining budget over time (from budgets.ts `burnDown`), epoch ms → minutes. */
  points: { at: number; remaining: number; rawRemaining: number }[];
  marks: BurnDownMark[];
  /** Reference lines, e.g. the at-risk level. */
  references?: ReferenceLine[];
  /** Formats an instant for axis labels and the table (in the SLO's time zone). */
  formatDay: (at: number) => string;
  formatTime: (at: number) => string;
  /** Values in minutes, for labels and the table. */
  format?: (value: number) => string;
}

/**
 * The remaining error budget over the window: a solid line for the budget that counts, a dashed
 * one for the budget had the adjustments counted (drawn only when there are any), a filled dot
 * where each counted charge had burned and a hollow diamond where each excluded one had. The table
 * lists each charge with the remaining budget after it.
 */
export function burnDownChart(spec: BurnDownSpec): RenderedChart {
  return withNarrow(spec, drawBurnDownChart);
}

function drawBurnDownChart(spec: BurnDownSpec): RenderedChart {
  const WIDTH = spec.width ?? WIDE;
  const format = spec.format ?? ((value: number) => formatNumber(value));
  const references = spec.references ?? [];
  const hasAdjustments = spec.marks.some((mark) => mark.excluded !== undefined);
  const values = [
    spec.budget,
    0,
    ...spec.points.flatMap((point) => [point.remaining, point.rawRemaining]),
    ...references.map((reference) => reference.value),
  ];
  const low = Math.min(...values);
  const high = Math.max(...values);
  const step = niceTicks(Math.max(high - low, 1e-9), 4)[1];
  const bottom = Math.floor(low / step) * step;
  const top = Math.ceil(high / step) * step;
  const ticks: number[] = [];
  for (let value = bottom; value <= top + step * 1e-9; value += step) ticks.push(Number(value.toPrecision(12)));

  const legendItems: LegendItem[] = [
    { label: 'Remaining budget', color: '--accent', kind: 'line' },
    ...(hasAdjustments ? [{ label: 'Had the adjustments counted', color: '--fg-soft', kind: 'line', dash: '5 4' } as LegendItem] : []),
    ...references.map((reference): LegendItem => ({
      label: reference.label,
      color: reference.color ?? '--warn',
      kind: 'line',
      dash: reference.dash,
    })),
  ];
  const legendRows = legendLayout(legendItems, WIDTH).rows;
  const plotHeight = 200;
  const plotBottom = TOP + plotHeight;
  const labelWidth = Math.max(...ticks.map((tick) => format(tick).length)) * CHAR;
  const left = Math.round(Math.max(40, 8 + 20 + labelWidth + 8));
  const height = plotBottom + X_AXIS + legendRows * LEGEND_ROW + 6;
  const plotWidth = WIDTH - left - RIGHT;
  const span = Math.max(1, spec.end - spec.start);
  const x = (at: number) => left + ((Math.min(Math.max(at, spec.start), spec.end) - spec.start) / span) * plotWidth;
  const y = (value: number) => plotBottom - ((value - bottom) / (top - bottom || 1)) * plotHeight;

  const grid = ticks
    .map((tick) => {
      const py = num(y(tick));
      return (
        `<line x1="${left}" x2="${WIDTH - RIGHT}" y1="${py}" y2="${py}" ${paint('stroke', tick === 0 ? '--fg-soft' : '--border')} stroke-width="1"/>` +
        `<text x="${left - 6}" y="${py}" dy="0.32em" text-anchor="end" font-size="${FONT}" ${paint('fill', '--fg-soft')}>${escapeXml(format(tick))}</text>`
      );
    })
    .join('');
  const middle = num(TOP + plotHeight / 2);
  const yLabel = `<text x="14" y="${middle}" transform="rotate(-90 14 ${middle})" text-anchor="middle" font-size="${FONT}" ${paint('fill', '--fg-soft')}>Minutes left</text>`;

  const path = (key: 'remaining' | 'rawRemaining') =>
    spec.points.map((point, index) => `${index ? 'L' : 'M'}${num(x(point.at))} ${num(y(point[key]))}`).join(' ');
  const lines =
    (hasAdjustments
      ? `<path d="${path('rawRemaining')}" fill="none" stroke-width="2" stroke-dasharray="5 4" ${paint('stroke', '--fg-soft')}/>`
      : '') + `<path d="${path('remaining')}" fill="none" stroke-width="2.5" stroke-linejoin="round" ${paint('stroke', '--accent')}/>`;
  const refs = references
    .map((reference) => {
      const py = num(y(reference.value));
      const color = reference.color ?? '--warn';
      return (
        `<line x1="${left}" x2="${WIDTH - RIGHT}" y1="${py}" y2="${py}" stroke-width="1.5" ${paint('stroke', color)}${reference.dash ? ` stroke-dasharray="${reference.dash}"` : ''}/>` +
        // Under the line, at the left: the budget lines run above it and the as-of marker is at the right.
        `<text x="${left + 4}" y="${num(Number(py) + 14)}" text-anchor="start" font-size="${FONT}" ${paint('fill', color)}>${escapeXml(`${reference.label}: ${format(reference.value)}`)}</text>`
      );
    })
    .join('');

  // Straight lines between the points are exact, so a value in between is interpolated.
  const valueAt = (at: number, key: 'remaining' | 'rawRemaining') => {
    const after = spec.points.findIndex((point) => point.at >= at);
    if (after === -1) return spec.points.at(-1)?.[key] ?? spec.budget;
    const next = spec.points[after];
    const previous = spec.points[after - 1];
    if (!previous || next.at === at) return next[key];
    return previous[key] + ((next[key] - previous[key]) * (at - previous.at)) / (next.at - previous.at);
  };
  // Each mark stands where its charge had burned (its end), on the line it moved: charges that
  // begin together (a counted and an excluded part of one incident) then stay apart.
  // Excluded marks first, so a counted dot close to a diamond is drawn on top of it.
  const marks = [...spec.marks]
    .sort((a, b) => Number(b.excluded !== undefined) - Number(a.excluded !== undefined))
    .map((mark) => {
      const px = num(x(mark.end));
      const tip = `${spec.formatTime(mark.at)} · ${mark.label}: ${format(mark.minutes)} bad minutes${mark.excluded ? ` (excluded: ${mark.excluded})` : ''}`;
      if (mark.excluded === undefined) {
        const py = num(y(valueAt(mark.end, 'remaining')));
        return `<circle cx="${px}" cy="${py}" r="4.5" ${paint('fill', '--accent', { stroke: '--bg' })} stroke-width="1.5"><title>${escapeXml(tip)}</title></circle>`;
      }
      const py = y(valueAt(mark.end, 'rawRemaining'));
      const d = `M${px} ${num(py - 6)} L${num(Number(px) + 6)} ${num(py)} L${px} ${num(py + 6)} L${num(Number(px) - 6)} ${num(py)} Z`;
      return `<path d="${d}" ${paint('fill', '--bg', { stroke: '--warn' })} stroke-width="2"><title>${escapeXml(tip)}</title></path>`;
    })
    .join('');

  const last = spec.points.at(-1);
  const asOf =
    last && last.at < spec.end
      ? `<line x1="${num(x(last.at))}" x2="${num(x(last.at))}" y1="${TOP}" y2="${plotBottom}" stroke-width="1" stroke-dasharray="2 3" ${paint('stroke', '--fg-soft')}/>` +
        `<text x="${num(x(last.at) + 4)}" y="${TOP + 10}" font-size="${FONT}" ${paint('fill', '--fg-soft')}>as of</text>`
      : '';

  // At most six day labels spread over the window, as many as their width allows.
  const dayWidth = textWidth(spec.formatDay(spec.start)) + 16;
  const labelCount = Math.min(6, Math.max(2, Math.floor(plotWidth / dayWidth)));
  const labelInstants = Array.from({ length: labelCount }, (_, index) => spec.start + (index / (labelCount - 1)) * span);
  const labels = labelInstants
    .map((at, index) => {
      const anchor = index === 0 ? 'start' : index === labelCount - 1 ? 'end' : 'middle';
      return `<text x="${num(x(at))}" y="${plotBottom + 18}" text-anchor="${anchor}" font-size="${FONT}" ${paint('fill', '--fg-soft')}>${escapeXml(spec.formatDay(at))}</text>`;
    })
    .join('');

  const body = `<g class="grid">${grid}${yLabel}</g><g class="references">${refs}</g><g class="lines">${lines}</g>${asOf}<g class="marks">${marks}</g>${labels}${legend(legendItems, plotBottom + X_AXIS + 12, WIDTH)}`;
  const rows = [...spec.marks]
    .sort((a, b) => a.at - b.at)
    .map((mark) => [
      spec.formatTime(mark.at),
      mark.label,
      format(mark.minutes),
      mark.excluded === undefined ? 'Yes' : `No: ${mark.excluded}`,
      format(valueAt(mark.end, 'remaining')),
    ]);
  return {
    id: spec.id,
    title: spec.title,
    description: spec.description,
    svg: svgDocument(WIDTH, spec.id, spec.title, spec.description, height, body),
    table: {
      caption: `${spec.title}: each charge, with the budget remaining once it had burned`,
      columns: ['Began', 'Incident', 'Bad minutes', 'Counts against the budget', 'Remaining after it'],
      rows,
    },
  };
}

// ───────────────────────────── Sparkline ─────────────────────────────

export interface SparklineSpec {
  /** What the line shows and where it ends, read by screen readers (the image has no text of its own). */
  label: string;
  values: number[];
  /** The top of the scale and a dashed line there, e.g. the budget; the scale grows when a value passes it. */
  limit: number;
  /** A dotted reference line below the limit, e.g. the at-risk level. */
  reference?: number;
  color?: ChartColor;
}

const SPARK_WIDTH = 160;
const SPARK_HEIGHT = 36;

/**
 * A word-sized line for small multiples: no axes and no text, so it stays legible at any width;
 * the figures sit beside it in HTML and the label carries them for screen readers.
 */
export function sparkline(spec: SparklineSpec): string {
  const top = Math.max(spec.limit, ...spec.values, 1e-9);
  const pad = 3;
  const y = (value: number) => num(pad + (1 - Math.max(0, value) / top) * (SPARK_HEIGHT - 2 * pad));
  const x = (index: number) => num(spec.values.length <= 1 ? SPARK_WIDTH / 2 : (index / (spec.values.length - 1)) * SPARK_WIDTH);
  const line = spec.values.map((value, index) => `${index ? 'L' : 'M'}${x(index)} ${y(value)}`).join(' ');
  const color = spec.color ?? '--accent';
  const limit = `<line x1="0" x2="${SPARK_WIDTH}" y1="${y(spec.limit)}" y2="${y(spec.limit)}" stroke-width="1.5" stroke-dasharray="4 3" ${paint('stroke', '--bad')}/>`;
  const reference =
    spec.reference === undefined
      ? ''
      : `<line x1="0" x2="${SPARK_WIDTH}" y1="${y(spec.reference)}" y2="${y(spec.reference)}" stroke-width="1" stroke-dasharray="1 3" ${paint('stroke', '--warn')}/>`;
  const area =
    spec.values.length > 1
      ? `<path d="${line} L${SPARK_WIDTH} ${SPARK_HEIGHT - pad} L0 ${SPARK_HEIGHT - pad} Z" ${paint('fill', color)} fill-opacity="0.15" stroke="none"/>`
      : '';
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="sparkline" viewBox="0 0 ${SPARK_WIDTH} ${SPARK_HEIGHT}" width="${SPARK_WIDTH}" height="${SPARK_HEIGHT}" preserveAspectRatio="none" role="img" aria-label="${escapeXml(spec.label)}">` +
    `${limit}${reference}${area}<path d="${line}" fill="none" stroke-width="2" vector-effect="non-scaling-stroke" ${paint('stroke', color)}/></svg>`
  );
}
