import { readFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { unzipSync } from 'fflate';
import { test, expect } from './fixtures/lab-page';
import { loadMnistSource } from '../src/node/mnist-node';
import { onnxAccuracy } from '../src/node/onnx/onnx-runtime';

const EVAL_EXAMPLES = 500;

test('an .onnx from torch.onnx.export dropped in the page runs the pipeline and downloads an .onnx that onnxruntime scores the same', async ({
  lab,
  page,
}) => {
  test.setTimeout(300_000);
  await lab.open();
  await lab.waitForBackend();
  await lab.loadDemo('mnist-cnn');
  const bytes = new Uint8Array(readFileSync('test-data/onnx/mnist-cnn.onnx'));
  await lab.dropFiles([{ name: 'mnist-cnn.onnx', bytes }]);
  await expect(page.getByTestId('summary-params')).toHaveText((27314).toLocaleString('en-US'), {
    timeout: 30_000,
  });
  await lab.configure({
    method: 'layerwise',
    sparsity: 0.5,
    stats: 3,
    refresh: 1,
    finetune: 30,
    batch: 32,
    wbits: '8',
    abits: '8',
    qat: 4,
    evalLimit: EVAL_EXAMPLES,
  });
  await lab.startRun();
  const results = await lab.waitForResults(240_000);
  const download = await lab.downloadZip();
  const zip = unzipSync(new Uint8Array(await readFile(await download.path())));
  expect(Object.keys(zip)).toContain('model.onnx');
  expect(Object.keys(zip)).toContain('model.json');
  const onnx = await onnxAccuracy(zip['model.onnx'], loadMnistSource('mnist'), EVAL_EXAMPLES);
  expect(onnx.n).toBe(EVAL_EXAMPLES);
  expect(Math.abs(onnx.accuracy - results.afterAccuracy)).toBeLessThanOrEqual(0.01);

  // "Verify download" scores the .onnx with onnxruntime-web, loaded on demand in the worker.
  await page.getByTestId('verify-button').click();
  const verified = Number(
    await page.getByTestId('verify-result').getAttribute('data-value', { timeout: 60_000 }),
  );
  expect(Math.abs(verified - onnx.accuracy)).toBeLessThanOrEqual(0.002);
});

test('offline after one visit: an .onnx run is verified by onnxruntime-web from the precached wasm', async ({
  lab,
  page,
  context,
}) => {
  test.setTimeout(300_000);
  await lab.open();
  await lab.waitForBackend();
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await page.reload();
  await expect
    .poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null))
    .toBe(true);
  await lab.waitForBackend();
  await context.setOffline(true);
  await page.reload();
  await lab.waitForBackend();
  await lab.loadDemo('mnist-cnn');
  const bytes = new Uint8Array(readFileSync('test-data/onnx/mnist-cnn.onnx'));
  await lab.dropFiles([{ name: 'mnist-cnn.onnx', bytes }]);
  await expect(page.getByTestId('summary-params')).toHaveText((27314).toLocaleString('en-US'));
  await lab.configure({
    stats: 1,
    refresh: 1,
    finetune: 2,
    qat: 0,
    wbits: '8',
    abits: '8',
    evalLimit: 100,
  });
  await lab.startRun();
  const results = await lab.waitForResults(120_000);
  await page.getByTestId('verify-button').click();
  const verified = Number(
    await page.getByTestId('verify-result').getAttribute('data-value', { timeout: 60_000 }),
  );
  expect(Math.abs(verified - results.afterAccuracy)).toBeLessThanOrEqual(0.03);
  await context.setOffline(false);
});
