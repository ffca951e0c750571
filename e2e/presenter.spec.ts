import AxeBuilder from '@axe-core/playwright';
import { loadavg } from 'node:os';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures/lab-page';

/**
 * The page at four window sizes (1920×1080: the projector), normal and presenter mode (light and dark): an axe scan with no
 * serious or critical violation (colour contrast included) and a screenshot each, kept by CI under
 * test-reports/screenshots/.
 */
const VIEWPORTS = [
  { width: 1024, height: 768 },
  { width: 1440, height: 900 },
  { width: 800, height: 1000 },
  { width: 1920, height: 1080 },
];
const MODES = ['normal', 'presenter-light', 'presenter-dark'] as const;
const SHOTS = 'test-reports/screenshots';

async function openLab(page: Page, mode: (typeof MODES)[number]): Promise<void> {
  await page.goto('/');
  await expect(page.getByTestId('model-summary')).toBeVisible({ timeout: 60_000 });
  if (mode === 'presenter-dark') await page.getByTestId('theme-toggle').click();
  if (mode !== 'normal') {
    await page.getByTestId('presenter-toggle').click();
    await expect(page.getByTestId('story-bar')).toBeVisible();
  }
}

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

for (const viewport of VIEWPORTS) {
  for (const mode of MODES) {
    const name = `${viewport.width}x${viewport.height}-${mode}`;
    test(`axe and screenshot at ${name}`, async ({ page }) => {
      await page.setViewportSize(viewport);
      await openLab(page, mode);
      await page.screenshot({ path: `${SHOTS}/${name}.png` });
      expect(await seriousViolations(page)).toEqual([]);
    });
  }
}

test('presenter mode: base type ≥ 20 px, the first step fits 1024×768, → and ← walk the story', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1024, height: 768 });
  await openLab(page, 'presenter-light');
  const basePx = await page.evaluate(() =>
    parseFloat(getComputedStyle(document.documentElement).fontSize),
  );
  expect(basePx).toBeGreaterThanOrEqual(20);
  const overflowPx = await page.evaluate(
    () => document.documentElement.scrollHeight - window.innerHeight,
  );
  expect(overflowPx).toBeLessThanOrEqual(0);
  await expect(page.getByTestId('story-caption')).toContainText('The dense model.');
  // Space right after entering presenter mode advances the story (focus left the toggle).
  await page.keyboard.press(' ');
  await expect(page.getByTestId('story-caption')).toContainText('Measure.');
  await expect(page.locator('html')).toHaveAttribute('data-story', 'measure');
  await page.keyboard.press('ArrowLeft');
  await expect(page.locator('html')).toHaveAttribute('data-story', 'dense');
  await page.keyboard.press('End');
  await expect(page.locator('html')).toHaveAttribute('data-story', 'compare');
});

test('the first-visit tour has five steps, can be skipped, and stays closed after a reload', async ({
  page,
}) => {
  await page.goto('/?tour=1');
  const tour = page.getByTestId('tour');
  await expect(tour).toBeVisible();
  await expect(tour).toContainText('Step 1 of 5');
  await page.getByTestId('tour-next').click();
  await expect(tour).toContainText('What does pruning remove?');
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByTestId('tour-skip').click();
  await expect(tour).toBeHidden();
  expect(await page.evaluate(() => localStorage.getItem('pruning-lab.tour-done'))).toBe('1');
  await page.getByTestId('tour-open').click();
  await expect(tour).toContainText('Step 1 of 5');
});

test('presenter story on a real run: → starts it, the plot step shows the result; axe stays clean', async ({
  page,
}) => {
  test.setTimeout(300_000);
  await page.setViewportSize({ width: 1024, height: 768 });
  await page.goto('/');
  await expect(page.getByTestId('model-summary')).toBeVisible({ timeout: 60_000 });
  await page.getByTestId('preset-quick').click();
  await expect(page.getByTestId('setting-stats')).toHaveValue('5');
  await page.getByTestId('presenter-toggle').click();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('run-progress')).toBeVisible({ timeout: 30_000 });
  await page.screenshot({ path: `${SHOTS}/1024x768-presenter-measure.png` });
  expect(await seriousViolations(page)).toEqual([]);
  await expect(page.getByTestId('run-history').locator('tbody tr')).toHaveCount(1, {
    timeout: 240_000,
  });
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await page.screenshot({ path: `${SHOTS}/1024x768-presenter-quantize.png` });
  expect(await seriousViolations(page)).toEqual([]);
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('footprint-point').first()).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/1024x768-presenter-compare.png` });
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByTestId('theme-toggle').click();
  await page.screenshot({ path: `${SHOTS}/1024x768-presenter-compare-dark.png` });
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByTestId('presenter-toggle').click();
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.screenshot({ path: `${SHOTS}/1440x900-dark-after-run.png`, fullPage: true });
  expect(await seriousViolations(page)).toEqual([]);
});

test("the lab's default demo run keeps ≥ 98.8 % accuracy (time and load printed)", async ({
  lab,
  page,
}) => {
  test.setTimeout(600_000);
  await lab.open();
  await expect(page.getByTestId('model-summary')).toContainText('demo mnist-cnn', {
    timeout: 60_000,
  });
  await expect(page.getByTestId('data-summary')).toBeVisible({ timeout: 60_000 });
  const loadBefore = loadavg().map((l) => l.toFixed(1));
  const t0 = Date.now();
  await lab.startRun();
  const result = await lab.waitForResults(540_000);
  const elapsedS = (Date.now() - t0) / 1000;
  console.log(
    `default run (mnist-cnn, 50 %, W8A8): accuracy ${result.beforeAccuracy} → ${result.afterAccuracy}, ${elapsedS.toFixed(1)} s, load average ${loadBefore.join(' / ')} → ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' / ')}`,
  );
  expect(result.afterAccuracy).toBeGreaterThanOrEqual(0.988);
});
