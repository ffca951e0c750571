import { test, expect } from './fixtures/lab-page';

// Every tensor read on the lab's run paths is async: webgpu in a worker cannot read
// synchronously (readSync failed with "Failed to execute 'mapAsync' on 'GPUBuffer'").
test('one training step runs on ?backend=webgpu (software adapter)', async ({ lab }) => {
  test.setTimeout(240_000);
  await lab.open('?backend=webgpu');
  expect(await lab.waitForBackend()).toBe('webgpu');
  await lab.loadDemo('mnist-cnn');
  // One-shot with I = 1 and nothing after it: a single training step, scored on 64 examples.
  await lab.configure({
    method: 'oneshot',
    stats: 1,
    refresh: 1,
    finetune: 0,
    qat: 0,
    batch: 8,
    wbits: '32',
    abits: '32',
    evalLimit: 64,
  });
  await lab.startRun();
  const results = await lab.waitForResults(200_000);
  expect(results.afterAccuracy).toBeGreaterThanOrEqual(0);
  await expect(lab.resultsPanel().getByTestId('result-after-metric')).toContainText('n = 64');
});

test('after one visit the lab opens and runs offline', async ({ lab, page, context }) => {
  test.setTimeout(240_000);
  await lab.open();
  await lab.waitForBackend();
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  // Controlled once the new worker has claimed the page; reload once so every fetch goes through it.
  await page.reload();
  await expect
    .poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null))
    .toBe(true);
  await lab.waitForBackend();

  await context.setOffline(true);
  await page.reload();
  expect(await lab.waitForBackend()).toBe('wasm');
  await lab.loadDemo('mnist-cnn');
  await lab.configure({
    stats: 1,
    refresh: 1,
    finetune: 2,
    qat: 0,
    wbits: '8',
    abits: '32',
    evalLimit: 100,
  });
  await lab.startRun();
  const results = await lab.waitForResults(120_000);
  expect(results.afterBytes).toBeLessThan(results.beforeBytes);
  await context.setOffline(false);
});
