import { test, expect, TINY_RUN } from './fixtures/lab-page';

const SHORT = TINY_RUN;

test('the memory plan refuses what exceeds the budget; out of memory is OUT_OF_MEMORY, then the same page runs the demo', async ({
  lab,
  page,
}) => {
  test.setTimeout(180_000);
  // The tab's tensors may not pass 200 MiB (a simulated wasm heap), under the page's 1 GiB budget.
  await lab.open('?simulate=heap-limit-mib=200');
  await lab.waitForBackend();
  await lab.loadDemo('mnist-cnn');
  const plan = page.getByTestId('memory-plan');
  await expect(plan).toHaveText(
    /^Memory plan: peak ≈ [\d.]+ MiB \((qat|prune)\) of the 1024\.00 MiB budget; batches up to \d+ fit\.( ETA ≈ [\w ]+ here\.)?$/,
  );

  // Over the budget: Run waits and the plan says which batch fits.
  await lab.configure({ ...SHORT, batch: 1024 });
  await expect(plan).toHaveText(
    /^At batch 1024 the prune phase needs about [\d.]+ MiB, more than the 1024\.0 MiB memory budget; batch \d+ fits\.$/,
  );
  await expect(page.getByTestId('run-button')).toBeDisabled();

  // Within the budget but past the heap: the first training step runs out of memory.
  await lab.configure({ batch: 128 });
  await expect(plan).toHaveText(/^Memory plan: /);
  await lab.startRun();
  const error = page.getByTestId('run-error');
  await expect(error).toHaveText(
    'The engine ran out of memory in the prune:layerwise phase at batch 128 (Aborted()); it restarts with the same model and data: try batch 64.',
    { timeout: 60_000 },
  );

  // A fresh worker got the model and data again: the same page runs the demo at a smaller batch.
  await lab.configure({ batch: 16 });
  await expect(page.getByTestId('run-button')).toBeEnabled({ timeout: 60_000 });
  await lab.startRun();
  const results = await lab.waitForResults(120_000);
  expect(results.afterAccuracy).toBeGreaterThan(0.5);
  await expect(error).toHaveCount(0);
  await expect(page.locator('body')).not.toContainText('Build with -sASSERTIONS');
});
