import { test, expect } from './fixtures/lab-page';

test('the page loads and the badge names the backend the worker runs on', async ({ lab, page }) => {
  await lab.open();
  await expect(page.getByRole('heading', { name: 'Pruning Lab' })).toBeVisible();
  const backend = await lab.waitForBackend();
  // No real GPU here: auto skips the software WebGPU adapter and lands on wasm.
  expect(backend).toBe('wasm');
});

for (const name of ['wasm', 'webgl', 'cpu', 'webgpu'] as const) {
  test(`?backend=${name} selects ${name}`, async ({ lab, page }) => {
    await lab.open(`?backend=${name}`);
    expect(await lab.waitForBackend()).toBe(name);
    if (name === 'webgpu') {
      await expect(page.getByTestId('software-adapter-warning')).toContainText('software adapter');
    }
  });
}

test('an unknown ?backend names the choices and falls back to the automatic one', async ({
  lab,
  page,
}) => {
  await lab.open('?backend=metal');
  await expect(page.getByTestId('backend-notice')).toHaveText(
    'Unknown backend "metal": choose one of auto, webgpu, wasm, webgl, cpu; the engine uses the automatic choice.',
  );
  expect(await lab.waitForBackend()).toMatch(/^(wasm|webgl|cpu|webgpu)$/);
});
