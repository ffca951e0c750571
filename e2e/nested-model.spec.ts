import * as tf from '@tensorflow/tfjs';
import { test, expect } from './fixtures/lab-page';
import { teachableMachineFiles, teachableMachineModel } from '../src/core/model/teachable-fixture';

/** A Teachable-Machine-shaped export (Sequential of Sequentials) built in Node with tfjs. */
async function teachableFolder() {
  await tf.setBackend('cpu');
  const model = teachableMachineModel();
  const params = model.countParams();
  const files = await teachableMachineFiles(model);
  model.dispose();
  return { params, files: Object.entries(files).map(([name, bytes]) => ({ name, bytes })) };
}

test('a Teachable Machine export loads flattened and shows its nesting as collapsible blocks', async ({
  lab,
  page,
}) => {
  const { params, files } = await teachableFolder();
  await lab.open();
  await lab.waitForBackend();
  await lab.dropFiles(files);
  await expect(page.getByTestId('summary-params')).toHaveText(params.toLocaleString('en-US'));
  await expect(page.getByTestId('summary-layers')).toHaveText('19');
  const nesting = page.getByTestId('nesting-view');
  await expect(nesting.locator('> summary')).toHaveText(
    'Nested models: 2 at the top level, flattened into one graph of 19 layers',
  );
  await nesting.locator('> summary').click();
  await expect(nesting.getByText('sequential_1 (17 layers)')).toBeVisible();
  await expect(nesting.getByText('model1 (16 layers)')).toBeVisible();
  await expect(nesting.getByText('block_1_depthwise (DepthwiseConv2D)')).toBeHidden();
  await nesting.getByText('model1 (16 layers)').click();
  await expect(nesting.getByText('block_1_depthwise (DepthwiseConv2D)')).toBeVisible();
  await page.getByTestId('model-summary').screenshot({ path: '/tmp/nested/nesting-view.png' });
});
