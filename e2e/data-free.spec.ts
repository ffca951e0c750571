import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { PNG } from 'pngjs';
import type { Page } from '@playwright/test';
import {
  float32ModelFiles,
  sizeTestSpec,
  uint8ModelFiles,
} from '../test-support/fixtures/quantized-input-model';
import { writeModelDir } from '../src/node/model-files';
import { test, expect, type LabPage } from './fixtures/lab-page';
import { loadStockFiles, relativeOutputDiff } from './fixtures/stock-load';

const INPUT_SHAPE = [16, 16, 1];
const sum = (files: Record<string, Uint8Array>) =>
  Object.values(files).reduce((n, b) => n + b.length, 0);

async function dropModel(lab: LabPage, files: Record<string, Uint8Array>): Promise<void> {
  await lab.dropFiles(Object.entries(files).map(([name, bytes]) => ({ name, bytes })));
  await expect(lab.page.getByTestId('summary-input-bytes')).toHaveAttribute(
    'data-value',
    String(sum(files)),
  );
}

async function quantizeInPage(page: Page, bits: string, format = 'smaller') {
  await page.getByTestId('data-free').locator('summary').click();
  await page.getByTestId('data-free-bits').selectOption(bits);
  await page.getByTestId('data-free-format').selectOption(format);
  await page.getByTestId('data-free-run').click();
  return page.getByTestId('data-free-verdict');
}

test('no data: 8-bit weight-only quantization in the page → a smaller stock download that plain tfjs loads', async ({
  lab,
  page,
}) => {
  const files = float32ModelFiles(await sizeTestSpec());
  await lab.open();
  await lab.waitForBackend();
  await dropModel(lab, files);
  await expect(page.getByTestId('summary-input-bytes')).toHaveAttribute('data-dtype', 'float32');
  const verdict = await quantizeInPage(page, '8');
  await expect(verdict).toHaveAttribute('data-format', 'stock', { timeout: 60_000 });
  await expect(verdict).toContainText('smaller than your');
  await expect(page.getByTestId('data-free-result')).not.toContainText('larger');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('data-free-download-zip').click(),
  ]);
  const zip = unzipSync(new Uint8Array(readFileSync(await download.path())));
  const modelBytes = zip['model.json'].length + zip['weights.bin'].length;
  expect(Number(await verdict.getAttribute('data-file-bytes'))).toBe(modelBytes);
  expect(modelBytes).toBeLessThan(sum(files) / 3);
  const report = JSON.parse(new TextDecoder().decode(zip['report.json']));
  expect(report.bytes.input.fileBytes).toBe(sum(files));
  const original = await loadStockFiles(files);
  const quantized = await loadStockFiles(zip);
  const diff = relativeOutputDiff(original, quantized, INPUT_SHAPE, 32);
  original.dispose();
  quantized.dispose();
  expect(diff).toBeLessThan(0.01);
});

test('an already-uint8 model: the page gives its bytes, warns before and after that 4-bit stock is larger, and writes packed', async ({
  lab,
  page,
}) => {
  const files = uint8ModelFiles(await sizeTestSpec());
  const inputBytes = sum(files);
  await lab.open();
  await lab.waitForBackend();
  await dropModel(lab, files);
  await expect(page.getByTestId('summary-input-bytes')).toHaveAttribute('data-dtype', 'uint8');
  await page.getByTestId('data-free').locator('summary').click();
  await page.getByTestId('data-free-bits').selectOption('4');
  await expect(page.getByTestId('data-free-estimate-warning')).toContainText(
    'The stock format stores 4-bit codes in whole bytes',
  );
  await page.getByTestId('data-free-run').click();
  const verdict = page.getByTestId('data-free-verdict');
  await expect(verdict).toHaveAttribute('data-format', 'packed', { timeout: 60_000 });
  await expect(verdict).toHaveAttribute('data-input-bytes', String(inputBytes));
  const ratio = Number(await verdict.getAttribute('data-ratio'));
  const fileBytes = Number(await verdict.getAttribute('data-file-bytes'));
  expect(ratio).toBeCloseTo(inputBytes / fileBytes, 9);
  expect(ratio).toBeGreaterThan(1.5);
  await expect(verdict).toContainText(`${ratio.toFixed(2)}× smaller than your`);
  await expect(page.getByTestId('data-free-warning')).toContainText('in whole bytes');

  await page.getByTestId('data-free-format').selectOption('stock');
  await page.getByTestId('data-free-run').click();
  await expect(verdict).toHaveAttribute('data-format', 'stock', { timeout: 60_000 });
  await expect(verdict).toContainText('larger than your input');
});

function noisePng(seed: number): Buffer {
  const png = new PNG({ width: 16, height: 16 });
  for (let i = 0; i < 256; i++) {
    const v = (seed * 97 + i * 31) % 256;
    png.data.set([v, v, v, 255], i * 4);
  }
  return PNG.sync.write(png);
}

test('one corrupt image in a folder: the page and the CLI skip the same file, with the same count', async ({
  lab,
  page,
}) => {
  test.setTimeout(180_000);
  const root = mkdtempSync(path.join(tmpdir(), 'lab-data-free-'));
  const folder = path.join(root, 'shapes');
  // Ten class folders for the model's ten outputs (a class-count mismatch is refused).
  const classes = ['round', 'square', ...Array.from({ length: 8 }, (_, k) => `shape${k}`)];
  for (const cls of classes) {
    mkdirSync(path.join(folder, cls), { recursive: true });
    for (let i = 0; i < 5; i++)
      writeFileSync(path.join(folder, cls, `img-${i}.png`), noisePng(cls.length * 10 + i));
  }
  writeFileSync(path.join(folder, 'square', 'corrupt.png'), 'this is not a png');
  const files = float32ModelFiles(await sizeTestSpec());
  const modelDir = path.join(root, 'model');
  writeModelDir(modelDir, files);

  const cli = execFileSync(
    process.execPath,
    [
      path.join('cli', 'bin.mjs'),
      'quantize',
      modelDir,
      '--wbits',
      '8',
      '--abits',
      '8',
      '--data',
      folder,
      '--calibration-batches',
      '1',
      '--out',
      path.join(root, 'out'),
      '--json',
    ],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] },
  );
  const cliSkipped = (JSON.parse(cli) as { skippedImages: { path: string }[] }).skippedImages;
  expect(cliSkipped.map((s) => s.path)).toEqual(['shapes/square/corrupt.png']);

  await lab.open();
  await lab.waitForBackend();
  await dropModel(lab, files);
  await page.getByTestId('image-folder-input').setInputFiles(folder);
  const skipped = page.getByTestId('image-skipped');
  await expect(skipped).toHaveAttribute('data-count', String(cliSkipped.length));
  await expect(skipped).toContainText('shapes/square/corrupt.png');
  await expect(page.getByTestId('image-data-summary')).toContainText('50 images, 10 classes');
});
