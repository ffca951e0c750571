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
