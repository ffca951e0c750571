import { mkdirSync, readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { unzipSync } from 'fflate';
import { test, expect, type DroppedFile } from './fixtures/lab-page';
import { loadavg } from 'node:os';
import { longTasks, recordLongTasks, resetLongTasks } from './fixtures/long-tasks';
import {
  startMainThreadTrace,
  stopMainThreadTrace,
  type MainThreadTasks,
} from './fixtures/main-thread-trace';
import { WIDE_MODEL_CHANNELS, WIDE_MODEL_UNITS, wideModelFiles } from './fixtures/wide-model';

const SHOTS = process.env.NETVIEW_SHOTS ?? '/tmp/netview';
const MAX_TASK_MS = 50;

function taskLine(what: string, trace: MainThreadTasks, wallTasks: number[]): string {
  return (
    `${what}: ${trace.count} main-thread tasks, longest ${trace.maxCpuMs.toFixed(1)} ms CPU / ` +
    `${trace.maxWallMs.toFixed(0)} ms wall; Long Tasks API: ${wallTasks.length} over 50 ms, longest ` +
    `${Math.max(0, ...wallTasks).toFixed(0)} ms (load average ${loadavg()[0].toFixed(1)} on this machine)`
  );
}

interface SeenTimes {
  order: string[];
  measuring: Record<string, number>;
  pruned: Record<string, number>;
}

async function shoot(page: Page, name: string, width: number, height: number): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await page.setViewportSize({ width, height });
  await page.getByTestId('network-view').scrollIntoViewIfNeeded();
  // Bars glide to their new places after a resize (0.6 s transition): shoot them at rest.
  await page.waitForTimeout(800);
  await page.screenshot({ path: `${SHOTS}/${name}-${width}x${height}.png` });
}

/** Records, inside the page, when each unit is first seen measuring and first has a pruned mark. */
async function watchUnitStates(page: Page): Promise<void> {
  await page.evaluate(() => {
    const seen = {
      order: [] as string[],
      measuring: {} as Record<string, number>,
      pruned: {} as Record<string, number>,
    };
    (window as unknown as { __seen: typeof seen }).__seen = seen;
    const view = document.querySelector('[data-testid=network-view]')!;
    const scan = () => {
      const now = performance.now();
      for (const row of view.querySelectorAll<HTMLElement>('[data-testid=network-unit]')) {
        const unit = row.dataset.unit!;
        if (!seen.order.includes(unit)) seen.order.push(unit);
        if (row.dataset.phase === 'measuring') seen.measuring[unit] ??= now;
        if (row.querySelector('[data-state=pruned]')) seen.pruned[unit] ??= now;
      }
    };
    scan();
    new MutationObserver(scan).observe(view, {
      subtree: true,
      childList: true,
      attributes: true,
      attributeFilter: ['data-state', 'data-phase'],
    });
  });
}

async function prunedMarksPerUnit(page: Page): Promise<Record<string, number>> {
  return page.evaluate(() => {
    const counts: Record<string, number> = {};
    for (const row of document.querySelectorAll<HTMLElement>('[data-testid=network-unit]'))
      counts[row.dataset.unit!] = row.querySelectorAll('[data-state=pruned]').length;
    return counts;
  });
}

test('default demo run: the view plays the layerwise schedule and ends with report.json’s masks', async ({
  lab,
  page,
}) => {
  test.setTimeout(300_000);
  await recordLongTasks(page);
  await page.setViewportSize({ width: 1440, height: 900 });
  await lab.open();
  await lab.waitForBackend();
  await lab.loadDemo('mnist-cnn');
  const view = page.getByTestId('network-view');
  await expect(view.getByTestId('network-unit').first()).toBeVisible();
  await shoot(page, 'dense', 1440, 900);

  await watchUnitStates(page);
  await startMainThreadTrace(page);
  await resetLongTasks(page);
  const started = Date.now();
  await lab.startRun();
  const results = await lab.waitForResults(240_000);
  const elapsedS = (Date.now() - started) / 1000;
  const tasks = await longTasks(page);
  const trace = await stopMainThreadTrace(page);
  console.info(taskLine('default run', trace, tasks));
  console.info(
    `default run: accuracy ${results.beforeAccuracy} → ${results.afterAccuracy} in ${elapsedS.toFixed(1)} s`,
  );

  const seen = await page.evaluate(() => (window as unknown as { __seen: SeenTimes }).__seen);
  console.info(`units in view order: ${seen.order.join(', ')}`);
  console.info(
    `first measuring (ms): ${JSON.stringify(seen.measuring)}; first pruned: ${JSON.stringify(seen.pruned)}`,
  );
  // A unit measured while no unit after it had lost a channel yet: the layerwise order, seen live.
  const measuredFirst = seen.order.filter((unit, i) => {
    const t = seen.measuring[unit];
    const later = seen.order.slice(i + 1).map((u) => seen.pruned[u] ?? Infinity);
    return t !== undefined && later.length > 0 && Math.min(...later) > t;
  });
  expect(
    measuredFirst.length,
    'units seen measuring before any later unit was pruned',
  ).toBeGreaterThan(0);

  // After the run: pruned marks per unit equal report.json's pruned channels per unit.
  const download = await lab.downloadZip();
  const files = unzipSync(new Uint8Array(readFileSync(await download.path())));
  const report = JSON.parse(new TextDecoder().decode(files['report.json'])) as {
    layers: { id: string; channelsTotal: number; channelsKept: number }[];
  };
  const expected = Object.fromEntries(
    report.layers.map((l) => [l.id, l.channelsTotal - l.channelsKept]),
  );
  const marks = await prunedMarksPerUnit(page);
  console.info(
    `pruned per unit: report ${JSON.stringify(expected)}, view ${JSON.stringify(marks)}`,
  );
  expect(Object.values(expected).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
  for (const [unit, pruned] of Object.entries(expected)) expect(marks[unit], unit).toBe(pruned);
  await expect(view.locator('.bits-quantized').first()).toContainText('8-bit');

  await shoot(page, 'after-run', 1440, 900);
  await shoot(page, 'after-run', 1024, 768);
  expect(trace.maxCpuMs, 'longest main-thread task during the run (CPU ms)').toBeLessThanOrEqual(
    MAX_TASK_MS,
  );
});

test('rank shift in place: selecting a unit gives its upstream unit a slider that re-ranks its marks', async ({
  lab,
  page,
}) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1440, height: 900 });
  await lab.open();
  await lab.waitForBackend();
  await lab.loadDemo('mnist-cnn');
  const rows = page.getByTestId('network-unit');
  const second = rows.nth(1);
  const unit = (await second.getAttribute('data-unit'))!;
  await second.locator('.unit-name').click();
  const upstreamRow = page.locator('[data-testid=network-unit]', {
    has: page.getByTestId('inline-slider'),
  });
  await expect(upstreamRow).toHaveAttribute(
    'data-unit',
    (await rows.nth(0).getAttribute('data-unit'))!,
    {
      timeout: 90_000,
    },
  );
  const slots = () =>
    page.evaluate(
      (u) =>
        [...document.querySelectorAll(`[data-unit="${u}"][data-channel]`)].map((m) =>
          m.getAttribute('data-slot'),
        ),
      unit,
    );
  await page.getByTestId('inline-slider').fill('0');
  await expect(page.getByTestId('inline-sparsity')).toHaveText('0%');
  await expect(page.getByTestId('inline-tau')).toHaveAttribute('data-value', '1');
  const dense = await slots();
  await page.getByTestId('inline-slider').fill('9');
  await expect(page.getByTestId('inline-sparsity')).toHaveText('90%');
  const tau = Number(await page.getByTestId('inline-tau').getAttribute('data-value'));
  const shifted = await slots();
  const moved = shifted.filter((s, i) => s !== dense[i]).length;
  console.info(
    `rank shift of ${unit} at 90% upstream sparsity: τ ${tau.toFixed(3)}, ${moved} of ${dense.length} marks moved`,
  );
  expect(tau).toBeLessThan(1);
  expect(moved).toBeGreaterThan(0);
  await expect(page.getByTestId('inline-overlap')).toHaveAttribute('data-value', /^(0|1|0\.\d+)$/);
  await shoot(page, 'rank-shift', 1440, 900);
  await shoot(page, 'rank-shift', 1024, 768);
  await shoot(page, 'rank-shift', 800, 1000);
});

/** Builds the DataTransfer first (decoding the fixture is the test's work, not the page's). */
async function dropPrepared(page: Page, files: DroppedFile[]): Promise<() => Promise<void>> {
  const payload = files.map((f) => ({
    name: f.name,
    data: Buffer.from(f.bytes).toString('base64'),
  }));
  const dataTransfer = await page.evaluateHandle((items) => {
    const dt = new DataTransfer();
    for (const item of items)
      dt.items.add(new File([Uint8Array.from(atob(item.data), (c) => c.charCodeAt(0))], item.name));
    return dt;
  }, payload);
  return () => page.dispatchEvent('[data-testid=drop-zone]', 'drop', { dataTransfer });
}

test(`a generated ${WIDE_MODEL_UNITS}-unit, ${WIDE_MODEL_CHANNELS}-channel model renders and pans with no long task over ${MAX_TASK_MS} ms`, async ({
  page,
  lab,
}) => {
  test.setTimeout(180_000);
  expect(WIDE_MODEL_UNITS).toBeGreaterThanOrEqual(50);
  expect(WIDE_MODEL_CHANNELS).toBeGreaterThanOrEqual(10_000);
  await recordLongTasks(page);
  await page.setViewportSize({ width: 1440, height: 900 });
  await lab.open();
  await lab.waitForBackend();
  const drop = await dropPrepared(page, wideModelFiles());
  await startMainThreadTrace(page);
  await resetLongTasks(page);
  await drop();
  const totals = page.getByTestId('network-totals');
  await expect(totals).toContainText(
    `${WIDE_MODEL_UNITS} units · ${WIDE_MODEL_CHANNELS.toLocaleString('en')} channels`,
    {
      timeout: 60_000,
    },
  );
  await expect(page.getByTestId('coupled-link')).toHaveCount(5);
  const renderTasks = await longTasks(page);
  const renderTrace = await stopMainThreadTrace(page);
  await startMainThreadTrace(page);

  await resetLongTasks(page);
  const panned = await page.evaluate(async () => {
    const scroller = document.querySelector<HTMLElement>('[data-testid=network-scroller]')!;
    const frame = () => new Promise((r) => requestAnimationFrame(r));
    let maxMarks = 0;
    for (const direction of [1, -1]) {
      for (let i = 0; i < 400; i++) {
        const before = scroller.scrollTop;
        scroller.scrollTop += direction * 120;
        await frame();
        maxMarks = Math.max(maxMarks, scroller.querySelectorAll('[data-channel]').length);
        if (scroller.scrollTop === before) break;
        if (direction === 1 && i % 40 === 0) await frame();
      }
    }
    return { maxMarks, height: scroller.scrollHeight };
  });
  const panTasks = await longTasks(page);
  const panTrace = await stopMainThreadTrace(page);

  await page.getByTestId('network-jump').selectOption('logits');
  await expect(page.locator('[data-unit=logits][data-channel="9"]')).toHaveAttribute(
    'data-state',
    'kept',
  );
  await page.getByTestId('network-jump').selectOption({ index: 1 });
  console.info(
    `wide model: content ${panned.height} px, at most ${panned.maxMarks} of ${WIDE_MODEL_CHANNELS} marks in the DOM`,
  );
  console.info(taskLine('wide model, drop to drawn', renderTrace, renderTasks));
  console.info(taskLine('wide model, panning top to bottom and back', panTrace, panTasks));
  await shoot(page, 'wide-model', 1440, 900);
  await shoot(page, 'wide-model', 1024, 768);
  await shoot(page, 'wide-model', 800, 1000);
  expect(panned.maxMarks).toBeLessThan(WIDE_MODEL_CHANNELS);
  expect(renderTrace.maxCpuMs, 'longest task while drawing (CPU ms)').toBeLessThanOrEqual(
    MAX_TASK_MS,
  );
  expect(panTrace.maxCpuMs, 'longest task while panning (CPU ms)').toBeLessThanOrEqual(MAX_TASK_MS);
});
