import type { Page } from '@playwright/test';
import { test, expect, TINY_RUN, type LabPage } from './fixtures/lab-page';

interface Watch {
  /** The most units seen in `measuring` at the same moment. */
  maxMeasuring: number;
  /** Per unit, the index of the scan in which it first had a pruned mark. */
  firstPrunedScan: Record<string, number>;
  /** Units in the order they were first seen measuring. */
  measuredOrder: string[];
}

/** Watches the network view during one run: how many units measure at once, when each is pruned. */
async function watchRun(page: Page): Promise<void> {
  await page.evaluate(() => {
    const watch = { maxMeasuring: 0, firstPrunedScan: {}, measuredOrder: [] } as {
      maxMeasuring: number;
      firstPrunedScan: Record<string, number>;
      measuredOrder: string[];
    };
    const w = window as unknown as { __watch: typeof watch; __observer?: MutationObserver };
    w.__observer?.disconnect();
    w.__watch = watch;
    const view = document.querySelector('[data-testid=network-view]')!;
    let scanIndex = 0;
    const scan = () => {
      scanIndex++;
      let measuring = 0;
      for (const row of view.querySelectorAll<HTMLElement>('[data-testid=network-unit]')) {
        const unit = row.dataset.unit!;
        if (row.dataset.phase === 'measuring') {
          measuring++;
          if (!watch.measuredOrder.includes(unit)) watch.measuredOrder.push(unit);
        }
        // Pruned marks count once the unit was measured in this run (the last run's stay till then).
        if (watch.measuredOrder.includes(unit) && row.querySelector('[data-state=pruned]'))
          watch.firstPrunedScan[unit] ??= scanIndex;
      }
      watch.maxMeasuring = Math.max(watch.maxMeasuring, measuring);
    };
    w.__observer = new MutationObserver(scan);
    w.__observer.observe(view, {
      subtree: true,
      childList: true,
      attributes: true,
      attributeFilter: ['data-state', 'data-phase'],
    });
  });
}

async function runWatched(page: Page, lab: LabPage, runs: number): Promise<Watch> {
  await watchRun(page);
  await lab.runAndWait(runs, 180_000);
  return page.evaluate(() => (window as unknown as { __watch: Watch }).__watch);
}

test('one-shot and layerwise look different in the network view: all units at once vs one at a time', async ({
  lab,
  page,
}) => {
  test.setTimeout(300_000);
  await page.setViewportSize({ width: 1440, height: 900 });
  await lab.open();
  await lab.waitForBackend();
  await lab.loadDemo('mnist-cnn');
  const units = page.getByTestId('network-view').getByTestId('network-unit');
  await expect(units.first()).toBeVisible();

  await lab.configure({ ...TINY_RUN, method: 'layerwise', stats: 6, refresh: 3 });
  const layerwise = await runWatched(page, lab, 1);
  await lab.configure({ ...TINY_RUN, method: 'oneshot', stats: 6, refresh: 3 });
  const oneshot = await runWatched(page, lab, 2);
  console.info(`layerwise: ${JSON.stringify(layerwise)}`);
  console.info(`one-shot: ${JSON.stringify(oneshot)}`);

  const pruneScans = (w: Watch) => new Set(Object.values(w.firstPrunedScan)).size;
  // Layerwise: one unit measures at a time, and the units lose channels one after another.
  expect(layerwise.maxMeasuring).toBe(1);
  expect(layerwise.measuredOrder.length).toBeGreaterThanOrEqual(2);
  expect(pruneScans(layerwise)).toBe(Object.keys(layerwise.firstPrunedScan).length);
  // One-shot: every unit measures together and all lose their channels in the same moment.
  expect(oneshot.maxMeasuring).toBe(layerwise.measuredOrder.length);
  expect(Object.keys(oneshot.firstPrunedScan).length).toBe(
    Object.keys(layerwise.firstPrunedScan).length,
  );
  expect(pruneScans(oneshot)).toBe(1);
});
