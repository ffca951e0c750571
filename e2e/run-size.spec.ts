import { mkdirSync, readFileSync } from 'node:fs';
import { unzipSync } from 'fflate';
import { PNG } from 'pngjs';
import type { Page } from '@playwright/test';
import { sizeTestSpec, uint8ModelFiles } from '../test-support/fixtures/quantized-input-model';
import { test, expect } from './fixtures/lab-page';

const SHOTS = process.env.RUN_SIZE_SHOTS ?? '/tmp/lab';

/** The page at 1024×768 and 1440×900 with `testId` scrolled into view. */
async function shoot(page: Page, testId: string, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  for (const [width, height] of [
    [1024, 768],
    [1440, 900],
  ]) {
    await page.setViewportSize({ width, height });
    await page.getByTestId(testId).scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/${name}-${width}x${height}.png` });
  }
}

const sum = (files: Record<string, Uint8Array>) =>
  Object.values(files).reduce((n, b) => n + b.length, 0);

function noisePng(seed: number): Uint8Array {
  const png = new PNG({ width: 16, height: 16 });
  let state = seed * 2654435761;
  for (let i = 0; i < 256; i++) {
    state = (state * 1103515245 + 12345) >>> 0;
    const v = state >>> 24;
    png.data.set([v, v, v, 255], i * 4);
  }
  return new Uint8Array(PNG.sync.write(png));
}

async function dropImages(page: Page, count: number): Promise<void> {
  const payload = Array.from({ length: count }, (_, i) => ({
    name: `img-${i}.png`,
    data: Buffer.from(noisePng(i + 1)).toString('base64'),
  }));
  const dataTransfer = await page.evaluateHandle((items) => {
    const dt = new DataTransfer();
    for (const item of items)
      dt.items.add(
        new File([Uint8Array.from(atob(item.data), (c) => c.charCodeAt(0))], item.name, {
          type: 'image/png',
        }),
      );
    return dt;
  }, payload);
  await page.dispatchEvent('[data-testid=image-drop-zone]', 'drop', { dataTransfer });
}

test('an already-uint8 model, 4-bit run: larger-than-input said before and after, packed written and verified', async ({
  lab,
  page,
}) => {
  test.setTimeout(240_000);
  const files = uint8ModelFiles(await sizeTestSpec());
  const inputBytes = sum(files);
  await lab.open();
  await lab.waitForBackend();
  await lab.dropFiles(Object.entries(files).map(([name, bytes]) => ({ name, bytes })));
  await expect(page.getByTestId('summary-input-bytes')).toHaveAttribute(
    'data-value',
    String(inputBytes),
  );
  await dropImages(page, 20);
  await expect(page.getByTestId('image-data-summary')).toContainText('20 unlabelled images');
  await lab.configure({
    method: 'oneshot',
    sparsity: 0,
    stats: 1,
    refresh: 1,
    finetune: 1,
    batch: 4,
    wbits: '4',
    abits: '32',
    qat: 0,
    evalLimit: 4,
  });

  // Before the run: the stock file would be larger than the input; the run will write packed.
  const estimate = page.getByTestId('run-size-estimate');
  await expect(estimate).toHaveAttribute('data-format', 'packed');
  await expect(estimate).toContainText('× smaller than your 60.5 kB (uint8)');
  await expect(page.getByTestId('run-size-warning')).toContainText(
    'The stock format stores 4-bit codes in whole bytes: ',
  );
  await shoot(page, 'run-size-estimate', 'run-size-before');

  await lab.startRun();
  await lab.waitForResults(180_000);
  const note = page.getByTestId('download-format');
  await expect(note).toHaveAttribute('data-format', 'packed');
  await expect(note).toContainText('chosen as the smaller file');
  await expect(page.getByTestId('download-warning')).toContainText(
    'The stock format stores 4-bit codes in whole bytes: ',
  );

  // The download is the packed pair, smaller than the input, and its bytes are the ones shown.
  const download = await lab.downloadZip();
  const zip = unzipSync(new Uint8Array(readFileSync((await download.path())!)));
  expect(Object.keys(zip).sort()).toEqual([
    'model.packed.json',
    'report.json',
    'report.md',
    'weights.packed.bin',
  ]);
  const modelBytes = zip['model.packed.json'].length + zip['weights.packed.bin'].length;
  expect(modelBytes).toBeLessThan(inputBytes);
  expect(Number(await note.getAttribute('data-file-bytes'))).toBe(modelBytes);
  await expect(lab.resultsPanel().getByTestId('result-vs-input')).toContainText(
    '× smaller than your 60.5 kB',
  );
  await shoot(page, 'download-format', 'run-size-after');
  console.log(`uint8 input ${inputBytes} B → packed download ${modelBytes} B`);

  // Verify download reloads what was downloaded (packed: the lab's loader) and scores it.
  await page.getByTestId('verify-button').click();
  const verify = page.getByTestId('verify-result');
  await expect(verify).toContainText('top-1 agreement with the original on 4 held-back images', {
    timeout: 60_000,
  });
  const report = JSON.parse(new TextDecoder().decode(zip['report.json'])) as {
    metrics: { stage: string; value: number }[];
  };
  const stock = report.metrics.find((m) => m.stage === 'stock-export')!;
  expect(Number(await verify.getAttribute('data-value'))).toBeCloseTo(stock.value, 6);
});
