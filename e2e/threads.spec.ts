import { loadavg } from 'node:os';
import { test, expect } from './fixtures/lab-page';
import type { LabPage } from './fixtures/lab-page';

// The preview server sends COOP/COEP (pwa/isolation-headers.ts), so tfjs-backend-wasm runs its
// threaded SIMD build with one thread per core; `?simulate=wasm-threads=1` is the 1-thread baseline.

test('the page is cross-origin isolated and wasm runs one thread per core', async ({
  lab,
  page,
}) => {
  await lab.open();
  expect(await lab.waitForBackend()).toBe('wasm');
  const cores = await page.evaluate(() => navigator.hardwareConcurrency);
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
  const expected = Math.min(8, cores);
  await expect(lab.backendBadge()).toHaveAttribute('data-threads', String(expected));
  await expect(lab.backendBadge()).toContainText(`${expected} thread`);

  await lab.open('?simulate=wasm-threads=1');
  expect(await lab.waitForBackend()).toBe('wasm');
  await expect(lab.backendBadge()).toHaveAttribute('data-threads', '1');
  await expect(lab.backendBadge()).toHaveText('backend: wasm · 1 thread');
});

async function timeDefaultRun(lab: LabPage, query: string) {
  await lab.open(query);
  await lab.waitForBackend();
  const threads = Number(await lab.backendBadge().getAttribute('data-threads'));
  await lab.loadDemo('mnist-cnn');
  // The default pipeline with a shorter fine-tune (40 of 150 steps), so both runs fit one test
  // on a loaded machine; the per-step work is the default run's (batch 64, layerwise, W8A8).
  await lab.configure({ finetune: 40 });
  const started = Date.now();
  await lab.startRun();
  const results = await lab.waitForResults(270_000);
  return { threads, elapsedS: (Date.now() - started) / 1000, accuracy: results.afterAccuracy };
}

test('default demo pipeline: all threads vs one, in the same page build', async ({ lab }) => {
  test.setTimeout(600_000);
  const one = await timeDefaultRun(lab, '?simulate=wasm-threads=1');
  const all = await timeDefaultRun(lab, '');
  const load = loadavg()[0].toFixed(1);
  for (const r of [one, all])
    console.info(
      `default pipeline (fine-tune 40), ${r.threads} thread(s): accuracy ${r.accuracy} in ${r.elapsedS.toFixed(1)} s`,
    );
  console.info(
    `default pipeline speed-up ${all.threads} threads vs 1: ${(one.elapsedS / all.elapsedS).toFixed(2)}× (load average ${load})`,
  );
  expect(one.threads).toBe(1);
  expect(all.threads).toBeGreaterThan(1);
  // Threads change the summation order, not the method: both runs end at a real accuracy.
  expect(all.accuracy).toBeGreaterThan(0.9);
  expect(one.accuracy).toBeGreaterThan(0.9);
});
