import { test, expect } from './fixtures/lab-page';

test('the criterion select lists the registry, Taylor included, and the link keeps it', async ({
  lab,
  page,
}) => {
  await lab.open();
  expect(await lab.waitForBackend()).toBe('wasm');
  await lab.loadDemo('mnist-cnn');
  const select = page.getByTestId('setting-importance');
  await expect(select.locator('option')).toHaveText([
    'activation L1 (the paper)',
    'activation L0 (1 − APoZ)',
    'first-order Taylor (a·∂L/∂a)',
    'weight L1',
    'random',
  ]);
  await select.selectOption('taylor');
  await expect(page).toHaveURL(/importance=taylor/);
  await page.reload();
  await expect(page.getByTestId('setting-importance')).toHaveValue('taylor');
});
