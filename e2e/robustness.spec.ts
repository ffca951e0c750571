import {
  test,
  expect,
  tensorCount,
  TINY_RUN,
  type LabPage,
  type RunSettings,
} from './fixtures/lab-page';
import {
  badModelCases,
  corruptJson,
  dropoutRateFive,
  nanWeight,
  protoLayerName,
  renamedShard,
  reservedLayerName,
  truncatedShard,
} from './fixtures/bad-model-files';
import { thirdPartyModelFolder, THIRD_PARTY_PARAMS } from './fixtures/third-party-model';
import type { Page } from '@playwright/test';

/** A run of a few dozen wasm steps: seconds, not minutes. */
const TINY: RunSettings = { ...TINY_RUN, batch: 16 };

async function openWithDemo(lab: LabPage, query = ''): Promise<string> {
  await lab.open(query);
  const backend = await lab.waitForBackend();
  await lab.loadDemo('mnist-cnn');
  return backend;
}

test('reloading mid-run keeps the finished run and records nothing for the interrupted one', async ({
  lab,
  page,
}) => {
  test.setTimeout(90_000);
  await openWithDemo(lab);
  await lab.configure(TINY);
  await lab.runAndWait(1);
  await expect(page.getByTestId('forget-runs')).toHaveText('Forget 1 stored run', {
    timeout: 20_000,
  });
  const firstRun = await page
    .locator('[data-testid=footprint-point]:not([data-run=dense])')
    .first()
    .getAttribute('data-run');
  expect(firstRun).toMatch(/^run-/);

  await lab.configure({ stats: 40, finetune: 400 });
  await lab.startRun();
  await expect(page.getByTestId('run-status')).toContainText('step', { timeout: 30_000 });
  await page.reload();
  await lab.waitForBackend();
  await expect(page.getByTestId('forget-runs')).toHaveText('Forget 1 stored run', {
    timeout: 20_000,
  });
  await expect(page.locator(`[data-testid=footprint-point][data-run="${firstRun}"]`)).toHaveCount(
    1,
  );
  await expect(page.locator('[data-testid=footprint-point]:not([data-run=dense])')).toHaveCount(1);
  await expect(page.getByTestId('run-progress')).toHaveCount(0);
});

const CANCEL_PHASES: { phase: string; settings: RunSettings }[] = [
  // The original model's evaluation (all 2,000 test digits), before any training step.
  { phase: 'Measuring the original model', settings: { ...TINY, stats: 1, evalLimit: 0 } },
  { phase: 'prune:layerwise', settings: { ...TINY, stats: 60, finetune: 0 } },
  { phase: 'fine-tune', settings: { ...TINY, stats: 1, finetune: 400 } },
  { phase: 'qat', settings: { ...TINY, stats: 1, finetune: 0, wbits: '8', abits: '8', qat: 400 } },
  // Export takes ~0.1 s for the demo: ?simulate=export-delay=1500 stands for a big model's.
  { phase: 'export', settings: { ...TINY, stats: 1, finetune: 0 } },
];

/** Clicks Cancel inside the page as soon as the run status names `phase`; resolves to the click time. */
async function cancelWhenPhaseShows(page: Page, phase: string): Promise<void> {
  await page.evaluate((wanted) => {
    const w = window as unknown as { cancelClickedAt?: number };
    delete w.cancelClickedAt;
    const observer = new MutationObserver(() => {
      const status = document.querySelector('[data-testid=run-status]')?.textContent ?? '';
      if (!status.startsWith(wanted)) return;
      observer.disconnect();
      w.cancelClickedAt = Date.now();
      document.querySelector<HTMLButtonElement>('[data-testid=cancel-button]')!.click();
    });
    observer.observe(document.body, { subtree: true, childList: true, characterData: true });
  }, phase);
}

test('cancel in every phase: usable within 2 s, no run recorded, tensors back to the pre-run count', async ({
  lab,
  page,
}) => {
  test.setTimeout(150_000);
  await openWithDemo(lab, '?simulate=export-delay=1500');
  await expect(page.getByTestId('memory-readout')).toBeVisible();
  const before = await tensorCount(page);
  for (const { phase, settings } of CANCEL_PHASES) {
    await lab.configure(settings);
    await cancelWhenPhaseShows(page, phase);
    await page.getByTestId('run-button').click();
    await page.waitForFunction(
      () => (window as unknown as { cancelClickedAt?: number }).cancelClickedAt !== undefined,
      null,
      { timeout: 60_000 },
    );
    await expect(page.getByTestId('run-button')).toBeEnabled({ timeout: 2_000 });
    const usableAfterMs = await page.evaluate(
      () => Date.now() - (window as unknown as { cancelClickedAt: number }).cancelClickedAt,
    );
    expect(usableAfterMs, `cancel in ${phase}`).toBeLessThanOrEqual(2_000);
    await expect(page.getByTestId('run-progress'), phase).toHaveCount(0);
    await expect(page.getByTestId('run-error'), phase).toHaveCount(0);
    await expect(page.getByTestId('run-history'), phase).toHaveCount(0, { timeout: 2_000 });
    await expect(page.getByTestId('memory-readout'), phase).toHaveText(
      new RegExp(`^${before} tensors`),
      { timeout: 10_000 },
    );
  }
  await expect(page.getByTestId('forget-runs')).toHaveCount(0);
});

test('a backend lost mid-run: the engine moves to the next backend, says why, and the run finishes there', async ({
  lab,
  page,
}) => {
  test.setTimeout(150_000);
  expect(await openWithDemo(lab, '?backend=webgl&simulate=device-lost-after=2')).toBe('webgl');
  await lab.configure({ ...TINY, batch: 8 });
  await lab.startRun();
  await expect(page.getByTestId('run-notice')).toHaveText(
    'The webgl backend was lost during the run (simulated device loss after 2 training steps); the engine now runs on wasm and the run restarts there.',
    { timeout: 90_000 },
  );
  await expect(lab.backendBadge()).toHaveAttribute('data-backend', 'wasm');
  await expect(page.getByTestId('backend-notice')).toHaveText(
    'The engine runs on wasm because webgl: simulated device loss after 2 training steps.',
  );
  await expect(page.getByTestId('run-history').locator('tbody tr')).toHaveCount(1, {
    timeout: 90_000,
  });
  await expect(page.getByTestId('run-error')).toHaveCount(0);
});

test('wasm files missing: the engine falls back to the next backend and says why', async ({
  lab,
  page,
}) => {
  await lab.open('?simulate=no-wasm');
  expect(await lab.waitForBackend()).toBe('webgl');
  await expect(page.getByTestId('backend-notice')).toHaveText(
    "The engine runs on webgl because wasm: tf.setBackend('wasm') resolved false.",
  );
});

test('a crashed worker is reported and "Restart engine" brings it back with the model, keeping finished runs', async ({
  lab,
  page,
}) => {
  test.setTimeout(90_000);
  await openWithDemo(lab, '?debug');
  await lab.configure(TINY);
  await lab.runAndWait(1);
  await expect(page.getByTestId('forget-runs')).toHaveText('Forget 1 stored run', {
    timeout: 20_000,
  });
  await page.evaluate(() =>
    (
      window as unknown as { labDebug: { crashEngine: () => Promise<unknown> } }
    ).labDebug.crashEngine(),
  );
  await expect(page.getByTestId('engine-error')).toContainText(
    'The engine stopped: Uncaught Error: Simulated engine crash (debug request).',
  );
  await expect(page.getByTestId('run-button')).toBeDisabled();
  await page.getByTestId('restart-engine').click();
  await expect(page.getByTestId('engine-error')).toHaveCount(0, { timeout: 30_000 });
  expect(await lab.waitForBackend()).toBe('wasm');
  await expect(page.getByTestId('run-button')).toBeEnabled({ timeout: 30_000 });
  await expect(page.getByTestId('model-summary')).toContainText('demo mnist-cnn');
  await expect(page.getByTestId('run-history').locator('tbody tr')).toHaveCount(1);
  // The new worker really holds the model and data: a second run finishes.
  await lab.runAndWait(2);
});

test('a worker that closes itself silently is reported by the watchdog, and a restart recovers', async ({
  lab,
  page,
}) => {
  test.setTimeout(90_000);
  await openWithDemo(lab, '?debug&watchdog=3000');
  await page.evaluate(() =>
    (
      window as unknown as { labDebug: { closeEngine: () => Promise<unknown> } }
    ).labDebug.closeEngine(),
  );
  await expect(page.getByTestId('engine-error')).toContainText(
    /The engine stopped responding \(no answer for [3-5] s\); restart it to go on\./,
    { timeout: 15_000 },
  );
  await expect(page.getByTestId('run-button')).toBeDisabled();
  await page.getByTestId('restart-engine').click();
  await expect(page.getByTestId('engine-error')).toHaveCount(0, { timeout: 30_000 });
  await expect(page.getByTestId('model-summary')).toContainText('demo mnist-cnn');
  await expect(page.getByTestId('run-button')).toBeEnabled({ timeout: 30_000 });
});

const BAD_FILE_MESSAGES: [() => { title: string }, string][] = [
  [
    truncatedShard,
    'Weight group 1 in "model.json" needs 27240 bytes for its weights, but its files "group1-shard1of2", "group1-shard2of2" hold 27140 bytes.',
  ],
  [
    renamedShard,
    'Weight file "group1-shard2of2" listed in "model.json" was not provided; add it next to the JSON.',
  ],
  [corruptJson, 'File "model.json" is not valid JSON; a TensorFlow.js model needs its model.json.'],
  [
    protoLayerName,
    'Layer "__proto__" (Dense) needs weight "__proto__/kernel", but the weightsManifest of "model.json" does not list it.',
  ],
  [
    nanWeight,
    'Weight "conv2d_1/kernel" of layer "conv2d_1" in "model.json" holds 1 non-finite value of 36 (1 NaN); the lab refuses NaN and infinite weights.',
  ],
  [
    reservedLayerName,
    'Layer "toString" (Dense) in "model.json" is named like a built-in property of JavaScript objects, which the lab cannot use as a layer name; rename the layer (for example to "toString_1").',
  ],
  [
    dropoutRateFive,
    'Layer "dropout_1" (Dropout) in "model.json" has rate 5; it must be a number in [0, 1).',
  ],
];

test('bad model files get their exact typed message and the loaded model stays', async ({
  lab,
  page,
}) => {
  await lab.open();
  await lab.waitForBackend();
  await lab.dropFiles(thirdPartyModelFolder());
  const params = THIRD_PARTY_PARAMS.toLocaleString('en-US');
  await expect(page.getByTestId('summary-params')).toHaveText(params);
  const cases = badModelCases();
  expect(cases.map((c) => c.title)).toEqual(BAD_FILE_MESSAGES.map(([make]) => make().title));
  for (const [index, badCase] of cases.entries()) {
    await lab.dropFiles(badCase.files);
    await expect(lab.modelError(), badCase.title).toHaveText(BAD_FILE_MESSAGES[index][1]);
    await expect(page.getByTestId('summary-params')).toHaveText(params);
  }
});

test('a model JSON over 64 MiB is refused from its size, before any file is read', async ({
  lab,
  page,
}) => {
  await lab.open();
  await lab.waitForBackend();
  await lab.dropFiles(thirdPartyModelFolder());
  await expect(page.getByTestId('summary-params')).toHaveText(
    THIRD_PARTY_PARAMS.toLocaleString('en-US'),
  );
  const reads = await page.evaluate(async () => {
    let count = 0;
    const original = Blob.prototype.arrayBuffer;
    Blob.prototype.arrayBuffer = function (this: Blob) {
      count++;
      return original.call(this);
    };
    const dt = new DataTransfer();
    dt.items.add(
      new File([new Uint8Array(65 * 1024 * 1024)], 'model.json', { type: 'application/json' }),
    );
    dt.items.add(new File([new Uint8Array(8)], 'group1-shard1of1'));
    document
      .querySelector('[data-testid=drop-zone]')!
      .dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    await new Promise((r) => setTimeout(r, 500));
    Blob.prototype.arrayBuffer = original;
    return count;
  });
  await expect(lab.modelError()).toHaveText(
    'File "model.json" is 65.0 MiB (68157440 bytes); the lab refuses a model JSON over 64.0 MiB.',
  );
  expect(reads).toBe(0);
  await expect(page.getByTestId('summary-params')).toHaveText(
    THIRD_PARTY_PARAMS.toLocaleString('en-US'),
  );
});
