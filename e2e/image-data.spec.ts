import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PNG } from 'pngjs';
import { unzipSync } from 'fflate';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures/lab-page';

/** A tiny grayscale-looking PNG of random noise (the digits' content does not matter here). */
function noisePng(seed: number, size = 12): Buffer {
  const png = new PNG({ width: size, height: size });
  let state = seed * 2654435761;
  for (let i = 0; i < size * size; i++) {
    state = (state * 1103515245 + 12345) >>> 0;
    const v = state >>> 24;
    png.data.set([v, v, v, 255], i * 4);
  }
  return PNG.sync.write(png);
}

/** digits/{three,seven}/img-NN.png: 10 images in each class folder. */
function labelledFolder(): string {
  const root = path.join(mkdtempSync(path.join(tmpdir(), 'lab-images-')), 'digits');
  for (const [c, cls] of ['three', 'seven'].entries()) {
    mkdirSync(path.join(root, cls), { recursive: true });
    for (let i = 0; i < 10; i++)
      writeFileSync(
        path.join(root, cls, `img-${String(i).padStart(2, '0')}.png`),
        noisePng(c * 100 + i),
      );
  }
  return root;
}

/** A synthetic drop of loose image files onto the Data panel's drop zone. */
async function dropImages(page: Page, files: { name: string; bytes: Uint8Array }[]): Promise<void> {
  const payload = files.map((f) => ({
    name: f.name,
    data: Buffer.from(f.bytes).toString('base64'),
  }));
  const dataTransfer = await page.evaluateHandle((items) => {
    const dt = new DataTransfer();
    for (const item of items) {
      const bytes = Uint8Array.from(atob(item.data), (c) => c.charCodeAt(0));
      dt.items.add(new File([bytes], item.name, { type: 'image/png' }));
    }
    return dt;
  }, payload);
  await page.dispatchEvent('[data-testid=image-drop-zone]', 'drop', { dataTransfer });
}

test('an image folder: class subfolders → labelled; loose images → distillation scored by agreement', async ({
  lab,
  page,
}) => {
  test.setTimeout(240_000);
  await lab.open();
  await lab.waitForBackend();
  await lab.loadDemo('mnist-cnn');

  // A folder with two class subfolders, picked with "Browse folder…" (webkitdirectory).
  await page.getByTestId('image-folder-input').setInputFiles(labelledFolder());
  const summary = page.getByTestId('image-data-summary');
  await expect(summary).toContainText('20 images, 2 classes (seven, three; 16 train, 4 test)');
  await expect(page.getByTestId('data-summary')).toContainText(
    '16 training and 4 test examples of 28×28×1, 2 classes',
  );

  // 20 loose images (no subfolders), dropped: unlabelled data.
  const loose = Array.from({ length: 20 }, (_, i) => ({
    name: `img-${String(i).padStart(2, '0')}.png`,
    bytes: new Uint8Array(noisePng(500 + i)),
  }));
  await dropImages(page, loose);
  await expect(summary).toContainText(
    '20 unlabelled images — distillation against the original model',
  );

  // A tiny run distils from the original and reports agreement with it.
  await lab.configure({
    stats: 1,
    refresh: 1,
    finetune: 2,
    batch: 8,
    wbits: '32',
    abits: '32',
    evalLimit: 4,
  });
  await lab.startRun();
  await lab.waitForResults(180_000);
  const after = lab.resultsPanel().getByTestId('result-after');
  await expect(after).toContainText('agreement');
  const value = Number(await after.getByTestId('result-after-metric').getAttribute('data-value'));
  expect(value).toBeGreaterThanOrEqual(0);
  expect(value).toBeLessThanOrEqual(1);
  await expect(lab.resultsPanel().getByTestId('result-before-metric')).toHaveAttribute(
    'data-value',
    '1',
  );
  await expect(after).toContainText('top-1 agreement with the original');
  await expect(after).toContainText('(n = 4 held-back images)');

  // The number shown is report.json's (the stock export's agreement on the held-back images),
  // and "Verify download" reloads the downloaded files and finds the same agreement.
  const download = await lab.downloadZip();
  const zip = unzipSync(new Uint8Array(readFileSync((await download.path())!)));
  const report = JSON.parse(new TextDecoder().decode(zip['report.json'])) as {
    metrics: { stage: string; metric: string; value: number; n: number }[];
  };
  const final = report.metrics.find((m) => m.stage === 'stock-export')!;
  expect(final.metric).toBe('agreement');
  expect(final.n).toBe(4);
  expect(value).toBe(final.value);
  await page.getByTestId('verify-button').click();
  const verify = page.getByTestId('verify-result');
  await expect(verify).toContainText('top-1 agreement with the original on 4 held-back images', {
    timeout: 60_000,
  });
  expect(Number(await verify.getAttribute('data-value'))).toBe(final.value);
  console.log(
    `agreement: page ${value}, report.json ${final.value}, verified download ${await verify.getAttribute('data-value')}`,
  );

  // An undecodable file is skipped and named (the CLI's rule too: core/data/image-files.ts).
  await dropImages(page, [
    { name: 'broken.png', bytes: new Uint8Array(Buffer.from('not a png')) },
    { name: 'ok-1.png', bytes: new Uint8Array(noisePng(1)) },
    { name: 'ok-2.png', bytes: new Uint8Array(noisePng(2)) },
  ]);
  const skipped = page.getByTestId('image-skipped');
  await expect(skipped).toHaveAttribute('data-count', '1');
  await expect(skipped).toContainText('broken.png');
  await expect(summary).toContainText('2 unlabelled images');
});
