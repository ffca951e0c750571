import { readFileSync } from 'node:fs';
import { test, expect } from './fixtures/lab-page';

/** Tiny step counts: three runs must fit in about two minutes on a 2-core CPU. */
const TINY = { stats: 2, refresh: 1, finetune: 2, batch: 16, qat: 2, evalLimit: 200 };

test('rank shift: the cached sweep answers the slider at once, τ(0) = 1', async ({
  lab,
  page,
}, testInfo) => {
  test.setTimeout(120_000);
  await lab.open();
  await lab.waitForBackend();
  await lab.loadDemo('mnist-cnn');
  // Defaults: L = the second prunable unit, U = the one before it.
  await expect(page.getByTestId('rank-unit')).toHaveValue('conv2');
  await expect(page.getByTestId('rank-upstream')).toHaveValue('conv1');
  // The panel names the BN mode its τ is measured in (issue 20).
  await expect(page.getByTestId('rank-bn-mode')).toHaveText(
    'BatchNorm: batch statistics of the calibration batch, as pruning measures importance.',
  );
  await lab.computeRankShift();

  const atZero = await lab.moveRankSlider(0);
  expect(atZero.tau).toBe(1);
  expect(atZero.elapsedMs).toBeLessThanOrEqual(300);
  const atHalf = await lab.moveRankSlider(5);
  expect(atHalf.elapsedMs).toBeLessThanOrEqual(300);
  expect(atHalf.tau).toBeLessThan(1);
  const atMost = await lab.moveRankSlider(9);
  expect(atMost.elapsedMs).toBeLessThanOrEqual(300);
  console.log(
    `slider → DOM: ${[atZero, atHalf, atMost].map((m) => m.elapsedMs.toFixed(1)).join(', ')} ms; τ(0.5) = ${atHalf.tau.toFixed(3)}, τ(0.9) = ${atMost.tau.toFixed(3)}`,
  );
  await expect(page.getByTestId('rank-sentence')).toContainText('At 90% sparsity of conv1');
  // The bump chart marks kept channels at L's target (50% of 64 → 32 kept of the top 12 shown at most).
  const kept = await page.locator('[data-testid=bump-chart] g[data-kept=true]').count();
  expect(kept).toBeGreaterThan(0);
  expect(kept).toBeLessThanOrEqual(12);

  await page.getByTestId('pairs-compute').click();
  await expect(page.locator('[data-testid=pair-heatmap] .heatmap-cell')).toHaveCount(9, {
    timeout: 60_000,
  });
  await page
    .getByTestId('rank-panel')
    .screenshot({ path: testInfo.outputPath('rank-shift-panel.png') });
});

test('three runs → footprint chart with dense point and Pareto front, kept across reload; share link restores setup', async ({
  lab,
  page,
  context,
}, testInfo) => {
  test.setTimeout(240_000);
  await lab.open();
  await lab.waitForBackend();
  await lab.loadDemo('mnist-cnn');
  const methods = [
    { method: 'layerwise', wbits: '8', abits: '8' },
    { method: 'oneshot', wbits: '4', abits: '8' },
    { method: 'random', wbits: '32', abits: '32' },
  ];
  for (const [i, m] of methods.entries()) {
    await lab.configure({ ...TINY, ...m });
    await lab.runAndWait(i + 1);
    await expect(lab.footprintPoints()).toHaveCount(i + 2, { timeout: 30_000 });
  }
  await expect(page.locator('[data-testid=footprint-point][data-run=dense]')).toHaveCount(1);
  const front = await page.getByTestId('pareto-front').getAttribute('points');
  expect(front?.trim().split(/\s+/).length ?? 0).toBeGreaterThanOrEqual(1);
  expect(await page.locator('[data-testid=footprint-point][data-front=true]').count()).toBe(
    front!.trim().split(/\s+/).length,
  );
  // mnist-cnn's units: conv1, conv2, conv3, fc1 (prunable) and logits (feeds the output).
  await expect(page.getByTestId('layer-table').locator('tbody tr')).toHaveCount(5);
  await expect(page.getByTestId('kept-conv1')).toHaveText('32/64');

  await page
    .getByTestId('footprint-panel')
    .screenshot({ path: testInfo.outputPath('footprint-panel.png') });
  await page
    .getByTestId('layers-panel')
    .screenshot({ path: testInfo.outputPath('per-layer-panel.png') });
  await page
    .getByTestId('replay-panel')
    .screenshot({ path: testInfo.outputPath('replay-panel.png') });

  // The chart's exports: the runs as CSV (a header and one row per run), the chart as SVG (the
  // dense point plus one point per run) and as a PNG image at twice the chart's size.
  const saved = async (testId: string) => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId(testId).click(),
    ]);
    const file = testInfo.outputPath(download.suggestedFilename());
    await download.saveAs(file);
    return { name: download.suggestedFilename(), bytes: readFileSync(file) };
  };
  const csv = await saved('export-csv');
  const csvLines = csv.bytes.toString('utf8').trim().split('\n');
  expect([csv.name, csvLines.length]).toEqual(['runs.csv', 4]);
  expect(csvLines.slice(1).map((line) => line.split(',')[2])).toEqual(
    expect.arrayContaining(['layerwise', 'oneshot', 'random']),
  );
  const svg = await saved('export-svg');
  const svgText = svg.bytes.toString('utf8');
  expect(svg.name).toBe('footprint.svg');
  expect(svgText.startsWith('<svg')).toBe(true);
  expect(svgText.match(/data-testid="footprint-point"/g)?.length).toBe(4);
  const png = await saved('export-png');
  expect(png.name).toBe('footprint.png');
  expect([...png.bytes.subarray(0, 8)]).toEqual([137, 80, 78, 71, 13, 10, 26, 10]);
  const viewBox = await page.getByTestId('footprint-svg').getAttribute('viewBox');
  const [, , w, h] = viewBox!.split(/\s+/).map(Number);
  expect([png.bytes.readUInt32BE(16), png.bytes.readUInt32BE(20)]).toEqual([2 * w, 2 * h]);

  // Clicking a point re-selects that run.
  const firstRun = page.locator('[data-testid=footprint-point]:not([data-run=dense])').first();
  const runId = await firstRun.getAttribute('data-run');
  await firstRun.click();
  await expect(page.getByTestId('selected-run')).toHaveAttribute('data-run', runId!);

  await page.reload();
  await lab.waitForBackend();
  await expect(lab.footprintPoints()).toHaveCount(4, { timeout: 20_000 });

  // Panel selections and pipeline settings travel in the hash.
  await expect(page.getByTestId('model-summary')).toContainText('demo mnist-cnn', {
    timeout: 30_000,
  });
  await page.getByTestId('footprint-axis').selectOption('weight+act');
  await page.getByTestId('rank-unit').selectOption('conv3');
  await page.getByTestId('rank-upstream').selectOption('conv1');
  await page.getByTestId('presenter-toggle').click();
  await page.screenshot({ path: testInfo.outputPath('presenter-mode.png'), fullPage: false });
  const shared = page.url();
  expect(shared).toMatch(/method=random.*rsUnit=conv3&rsUp=conv1.*fpX=weight%2Bact&presenter=1/);

  const other = await context.newPage();
  await other.goto(shared);
  await expect(other.getByTestId('model-summary')).toContainText('demo mnist-cnn', {
    timeout: 60_000,
  });
  await expect(other.getByTestId('setting-method')).toHaveValue('random');
  await expect(other.getByTestId('setting-wbits')).toHaveValue('32');
  await expect(other.getByTestId('footprint-axis')).toHaveValue('weight+act');
  await expect(other.getByTestId('rank-unit')).toHaveValue('conv3');
  await expect(other.getByTestId('rank-upstream')).toHaveValue('conv1');
  await expect(other.getByTestId('presenter-toggle')).toHaveAttribute('aria-pressed', 'true');
});
