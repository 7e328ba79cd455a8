/** The palette: AA contrast for every tone in both themes, and a severity scale that reads as one. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, TONE_COLORS, contrastRatio, paletteCss, paletteValue, relativeLuminance } from '../../src/core/palette.ts';
import { SCALE_TONES, priorityTone, severityTone, type Tone } from '../../src/core/presentation.ts';

const THEMES = ['light', 'dark'] as const;

test('contrast ratios match the WCAG formula on known pairs', () => {
  assert.equal(relativeLuminance('#ffffff'), 1);
  assert.equal(relativeLuminance('#000000'), 0);
  assert.equal(contrastRatio('#000000', '#ffffff'), 21);
  // #767676 on white is the classic 4.54:1 grey.
  assert.equal(Number(contrastRatio('#767676', '#ffffff').toFixed(2)), 4.54);
  // #b3261e: L = 0.2126·0.45080 + 0.7152·0.019383 + 0.0722·0.013007 = 0.11064 → 1.05 / 0.16064 = 6.54
  assert.equal(Number(contrastRatio('#ffffff', '#b3261e').toFixed(2)), 6.54);
});

for (const theme of THEMES) {
  test(`every badge tone has AA contrast (4.5:1) in the ${theme} theme, on its fill and on the page`, () => {
    for (const [tone, colors] of Object.entries(TONE_COLORS)) {
      const fg = colors.fg[theme];
      assert.ok(contrastRatio(fg, colors.bg[theme]) >= 4.5, `${tone}: text on fill ${contrastRatio(fg, colors.bg[theme]).toFixed(2)}`);
      // Tone text also stands alone on the page (`.overdue`, notices) for the status tones.
      if (!(SCALE_TONES as readonly string[]).includes(tone)) {
        for (const page of [BASE.bg[theme], BASE['bg-soft'][theme]])
          assert.ok(contrastRatio(fg, page) >= 4.5, `${tone} text on ${page}: ${contrastRatio(fg, page).toFixed(2)}`);
      }
    }
    for (const name of ['fg', 'fg-soft', 'link'] as const) {
      assert.ok(contrastRatio(BASE[name][theme], BASE['bg-soft'][theme]) >= 4.5, `${name} on bg-soft`);
    }
  });

  test(`the severity scale is ordered by salience and every level is distinct in the ${theme} theme`, () => {
    const page = BASE.bg[theme];
    // Salience: how far a badge's fill stands out from the page; most severe first, strictly.
    const salience = SCALE_TONES.map((tone) => contrastRatio(TONE_COLORS[tone].bg[theme], page));
    for (let i = 1; i < salience.length; i++)
      assert.ok(
        salience[i - 1]! > salience[i]!,
        `${SCALE_TONES[i - 1]} (${salience[i - 1]!.toFixed(2)}) is more salient than ${SCALE_TONES[i]} (${salience[i]!.toFixed(2)})`,
      );
    assert.ok(salience[0]! >= 3, 'the most severe badge stands out from the page (3:1, non-text contrast)');
    const looks = SCALE_TONES.map(
      (tone) => `${TONE_COLORS[tone].fg[theme]}/${TONE_COLORS[tone].bg[theme]}/${TONE_COLORS[tone].border[theme]}`,
    );
    assert.equal(new Set(looks).size, SCALE_TONES.length);
  });
}

test('severities and priorities map onto the one scale, most severe first', () => {
  const config = { severities: ['SEV1', 'SEV2', 'SEV3', 'SEV4'].map((id) => ({ id, label: id })) } as any;
  assert.deepEqual(
    ['SEV1', 'SEV2', 'SEV3', 'SEV4', 'SEV9'].map((id) => severityTone(config, id)),
    ['critical', 'high', 'moderate', 'low', 'low'],
  );
  assert.deepEqual(['P0', 'P1', 'P2', 'P3'].map(priorityTone), ['critical', 'high', 'moderate', 'low']);
});

test('the CSS defines each colour once as light-dark() and one badge rule per tone', () => {
  const css = paletteCss();
  assert.match(css, /--bg:light-dark\(#ffffff,#15181d\);/);
  assert.match(css, /--critical-bg:light-dark\(#b3261e,#ff8a80\);/);
  for (const tone of Object.keys(TONE_COLORS) as Tone[]) assert.equal(css.split(`.badge.tone-${tone}{`).length, 2, tone);
  assert.equal(paletteValue('--chart-1'), '#5b3cc4');
  assert.equal(paletteValue('--bad', 'dark'), '#f9a8a1');
});
