import { readFile } from 'node:fs/promises';
import { test, expect } from './fixtures/lab-page';
import { longTasks, recordLongTasks, resetLongTasks } from './fixtures/long-tasks';
import { accuracyOfZipInNode } from './fixtures/node-eval';

const EVAL_EXAMPLES = 500;

test('mnist-cnn → layerwise 50% + W8A8: smaller download that stock tfjs in Node scores the same', async ({
  lab,
  page,
}) => {
  test.setTimeout(240_000);
  await recordLongTasks(page);
  await lab.open();
  expect(await lab.waitForBackend()).toBe('wasm');
  await lab.loadDemo('mnist-cnn');
  await lab.configure({
    method: 'layerwise',
    sparsity: 0.5,
    stats: 3,
    refresh: 1,
    finetune: 6,
    batch: 32,
    wbits: '8',
    abits: '8',
    qat: 4,
    evalLimit: EVAL_EXAMPLES,
  });
  // The whole setup is in the hash, so a link reproduces it.
  await expect(page).toHaveURL(/demo=mnist-cnn.*statsSteps=3/);

  await resetLongTasks(page);
  await lab.startRun();
  await expect(page.getByTestId('unit-strip').locator('[data-phase=frozen]').first()).toBeVisible({
    timeout: 120_000,
  });
  const results = await lab.waitForResults(180_000);
  const tasks = await longTasks(page);
  expect(
    Math.max(0, ...tasks),
    `long tasks during the run: ${tasks.join(', ')} ms`,
  ).toBeLessThanOrEqual(200);

  expect(results.afterBytes).toBeLessThan(results.beforeBytes / 2);
  expect(results.afterAccuracy).toBeGreaterThan(0.1);
  await expect(lab.resultsPanel().getByTestId('result-after-metric')).toContainText(
    `${(results.afterAccuracy * 100).toFixed(2)}%`,
  );
  await expect(page.getByTestId('run-history').locator('tbody tr')).toHaveCount(1);

  const download = await lab.downloadZip();
  expect(download.suggestedFilename()).toMatch(/^pruned-.*\.zip$/);
  const zip = new Uint8Array(await readFile(await download.path()));
  const node = await accuracyOfZipInNode(zip, EVAL_EXAMPLES);
  expect(node.n).toBe(EVAL_EXAMPLES);
  expect(Math.abs(node.accuracy - results.afterAccuracy)).toBeLessThanOrEqual(0.005);

  await page.getByTestId('verify-button').click();
  const verified = Number(await page.getByTestId('verify-result').getAttribute('data-value'));
  expect(Math.abs(verified - results.afterAccuracy)).toBeLessThanOrEqual(0.005);
});

test('cancel mid-run returns to a usable state within 2 s and records no run', async ({
  lab,
  page,
}) => {
  test.setTimeout(180_000);
  await lab.open();
  await lab.waitForBackend();
  await lab.loadDemo('mnist-cnn');
  await lab.configure({ stats: 50, finetune: 200, evalLimit: 200 });
  await lab.startRun();
  await expect(page.getByTestId('run-status')).toContainText('step', { timeout: 60_000 });
  const clicked = Date.now();
  await page.getByTestId('cancel-button').click();
  await expect(page.getByTestId('run-button')).toBeEnabled({ timeout: 2_000 });
  expect(Date.now() - clicked).toBeLessThanOrEqual(2_000);
  await expect(page.getByTestId('run-progress')).toHaveCount(0);
  await expect(page.getByTestId('run-history')).toHaveCount(0);
  await expect(page.getByTestId('run-error')).toHaveCount(0);
  // Still usable: the memory readout answers and no tensor of the cancelled run is left.
  await expect(page.getByTestId('memory-readout')).toHaveText(/^0 tensors/, { timeout: 10_000 });
});
