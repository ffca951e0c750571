import { test, expect } from './fixtures/lab-page';

test('the data panel offers Fashion-MNIST with one sample image per class', async ({
  lab,
  page,
}) => {
  await lab.open();
  await lab.waitForBackend();
  await page.getByRole('radio', { name: /Fashion-MNIST/ }).check();
  await expect(page.getByTestId('data-summary')).toHaveText(
    '10,000 training and 10,000 test examples of 28×28×1, 10 classes.',
  );
  const samples = page.getByTestId('data-samples');
  await expect(samples.locator('li')).toHaveCount(10);
  await expect(samples.locator('li').nth(9)).toHaveText('Ankle boot');
  await page
    .getByRole('region', { name: 'Data' })
    .screenshot({ path: '/tmp/nested/data-panel.png' });
});

test('after a run, the results show accuracy per class, original against compressed', async ({
  lab,
}) => {
  test.setTimeout(300_000);
  await lab.open();
  await lab.waitForBackend();
  await lab.loadDemo('mnist-cnn');
  await lab.configure({
    sparsity: 0.75,
    stats: 1,
    refresh: 1,
    finetune: 2,
    qat: 0,
    evalLimit: 200,
  });
  await lab.startRun();
  const results = await lab.waitForResults(240_000);
  const table = lab.resultsPanel().getByTestId('per-class');
  await expect(table.locator('tbody tr')).toHaveCount(10);
  await expect(table.locator('tbody tr').first().locator('th')).toHaveText('0');
  // The per-class rows average to the overall accuracy (the 200 test digits are near balanced).
  const cells = await table.locator('tbody tr td:nth-child(2)').allTextContents();
  const mean = cells.reduce((sum, c) => sum + Number(c.replace('%', '')), 0) / cells.length / 100;
  expect(Math.abs(mean - results.beforeAccuracy)).toBeLessThan(0.03);
  await table.screenshot({ path: '/tmp/nested/per-class.png' });
});

test('the Fashion-MNIST CNN demo card loads the model with its data', async ({ lab, page }) => {
  await lab.open();
  await lab.waitForBackend();
  await lab.loadDemo('fashion-cnn');
  await expect(page.getByTestId('data-summary')).toHaveText(
    '10,000 training and 10,000 test examples of 28×28×1, 10 classes.',
  );
  await expect(page.getByTestId('summary-params')).toHaveText('276,490');
});
