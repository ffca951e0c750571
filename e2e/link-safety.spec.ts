import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PNG } from 'pngjs';
import type { Page } from '@playwright/test';
import { test, expect, tensorCount, TINY_RUN, type LabPage } from './fixtures/lab-page';

const TINY = TINY_RUN;

/** The readout polls every 2 s: a count is settled when it is the same 2.5 s later. */
async function settledTensorCount(page: Page): Promise<number> {
  let last = await tensorCount(page);
  for (let tries = 0; tries < 8; tries++) {
    await page.waitForTimeout(2500);
    const now = await tensorCount(page);
    if (now === last) return now;
    last = now;
  }
  throw new Error(`The tensor count did not settle (last ${last}).`);
}

/** two/{a,b}/NN.png: a 2-class image folder of 28×28 noise. */
function twoClassFolder(): string {
  const root = path.join(mkdtempSync(path.join(tmpdir(), 'lab-two-')), 'two');
  for (const cls of ['a', 'b']) {
    mkdirSync(path.join(root, cls), { recursive: true });
    for (let i = 0; i < 8; i++) {
      const png = new PNG({ width: 28, height: 28 });
      png.data.fill(cls === 'a' ? 40 + i : 200 - i);
      writeFileSync(path.join(root, cls, `${i}.png`), PNG.sync.write(png));
    }
  }
  return root;
}

async function runToResults(lab: LabPage, runs: number): Promise<void> {
  await lab.configure(TINY);
  await lab.runAndWait(runs);
}

test('a class-count mismatch is a typed error, leaks nothing, and the next run succeeds', async ({
  lab,
  page,
}) => {
  test.setTimeout(180_000);
  await lab.open();
  await lab.waitForBackend();
  await lab.loadDemo('mnist-cnn');
  const before = await settledTensorCount(page);
  await page.getByTestId('image-folder-input').setInputFiles(twoClassFolder());
  await expect(page.getByTestId('data-summary')).toContainText('2 classes');
  await lab.configure(TINY);
  await page.getByTestId('run-button').click();
  await expect(page.getByTestId('run-error')).toHaveText(
    'Model "mnist-cnn" ends in 10 outputs but the data has 2 classes; choose data with 10 classes or a model with 2 outputs.',
  );
  expect(await settledTensorCount(page)).toBe(before);
  await page.getByRole('radio', { name: /MNIST digits/ }).check();
  await expect(page.getByTestId('data-summary')).toContainText('10 classes');
  await runToResults(lab, 1);
  expect(await settledTensorCount(page)).toBe(before);
});

test('a link with batchSize=10000000 is refused with a message; the run uses the default', async ({
  lab,
  page,
}) => {
  test.setTimeout(180_000);
  await lab.open('#batchSize=10000000&statsSteps=1e9&overrides=constructor:0.3,__proto__:0.5');
  await lab.waitForBackend();
  await expect(page.getByTestId('model-summary')).toContainText('demo mnist-cnn', {
    timeout: 30_000,
  });
  await expect(page.getByTestId('run-notice')).toHaveText(
    "The link's statsSteps=1e9 is not an integer from 1 to 100000; the default 10 is used. " +
      "The link's batchSize=10000000 is not an integer from 1 to 4096; the default 64 is used.",
  );
  await expect(page.getByTestId('setting-batch')).toHaveValue('64');
  await expect(page.getByTestId('data-summary')).toBeVisible({ timeout: 30_000 });
  const before = await settledTensorCount(page);
  await runToResults(lab, 1);
  expect(await settledTensorCount(page)).toBe(before);
});

test('?backend=bogus falls back to the automatic choice and says so', async ({ lab, page }) => {
  await lab.open('?backend=bogus');
  expect(await lab.waitForBackend()).toMatch(/^(wasm|webgl|cpu|webgpu)$/);
  await expect(page.getByTestId('backend-notice')).toHaveText(
    /^Unknown backend "bogus": choose one of auto, [a-z, ]+; the engine uses the automatic choice\./,
  );
});

test('a fatal engine error in a run restarts the engine with the model and data; the next run succeeds', async ({
  lab,
  page,
}) => {
  test.setTimeout(180_000);
  // batch 48 stands for a batch the engine's memory cannot hold: the run fails untyped.
  await lab.open('?simulate=fatal-batch=48');
  await lab.waitForBackend();
  await lab.loadDemo('mnist-cnn');
  const before = await settledTensorCount(page);
  await lab.configure({ ...TINY, batch: 48 });
  await page.getByTestId('run-button').click();
  await expect(page.getByTestId('run-error')).toHaveText(
    'Simulated fatal engine error at batch 48. The engine restarts with the model and data.',
  );
  await expect(page.getByTestId('model-summary')).toContainText('demo mnist-cnn');
  await expect(page.getByTestId('data-summary')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('run-button')).toBeEnabled({ timeout: 30_000 });
  expect(await settledTensorCount(page)).toBe(before);
  await lab.configure({ ...TINY, batch: 16 });
  await lab.runAndWait(1);
  expect(await settledTensorCount(page)).toBe(before);
});
