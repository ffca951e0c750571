import { readFile } from 'node:fs/promises';
import { unzipSync } from 'fflate';
import { test, expect } from './fixtures/lab-page';
import { parseKerasFile } from '../src/core/formats/keras/read-keras';

const FIXTURE = 'test-data/keras/mnist-resnet-small.keras';

test('a Keras-saved .keras dropped on the page runs the default pipeline and downloads a .keras', async ({
  lab,
  page,
}) => {
  test.setTimeout(240_000);
  await lab.open();
  await lab.waitForBackend();
  await expect(page.getByTestId('data-summary')).toBeVisible({ timeout: 60_000 });
  const bytes = new Uint8Array(await readFile(FIXTURE));
  await lab.dropFiles([{ name: 'mnist-resnet-small.keras', bytes }]);
  await expect(page.getByTestId('summary-source')).toHaveText(
    'Read: Keras 3 .keras, Functional, 16 layers',
    { timeout: 30_000 },
  );
  await expect(page.getByTestId('summary-params')).toHaveText('10,922');
  await page.getByTestId('model-summary').screenshot({ path: '/tmp/keras/keras-summary.png' });
  // The default pipeline with a tiny budget (the existing settings hooks).
  await lab.configure({ stats: 3, refresh: 1, finetune: 6, batch: 32, qat: 4, evalLimit: 200 });
  await lab.startRun();
  await lab.waitForResults(180_000);

  const zip = unzipSync(new Uint8Array(await readFile(await (await lab.downloadZip()).path())));
  expect(Object.keys(zip)).toContain('model.keras');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('download-model.keras').click(),
  ]);
  expect(download.suggestedFilename()).toBe('model.keras');
  const exported = parseKerasFile(
    new Uint8Array(await readFile(await download.path())),
    'model.keras',
  );
  const params = Object.values(exported.weights).reduce((n, w) => n + w.data.length, 0);
  expect(params).toBeLessThan(10_922);
  expect(exported.meta.sourceSummary).toBe('Keras 3 .keras, Functional, 16 layers');
});
