import { test, expect } from './fixtures/lab-page';
import {
  graphModelFile,
  manifestOnlyFile,
  thirdPartyModelFolder,
  THIRD_PARTY_PARAMS,
} from './fixtures/third-party-model';

const GRAPH_MODEL_MESSAGE =
  '"model.json" is a TensorFlow.js graph model (a converted SavedModel or frozen graph): its weights can be re-quantized one by one, but it cannot be pruned or restructured. Convert the Keras model with --output_format=tfjs_layers_model to prune it.';
const MANIFEST_ONLY_MESSAGE =
  'File "weights_manifest.json" lists weights (a weightsManifest) but has no modelTopology, so the layers are unknown; provide the model.json that holds both.';

test('a third-party model folder (no format, bare-list Sequential, split shards without .bin) loads', async ({
  lab,
  page,
}) => {
  await lab.open();
  await lab.waitForBackend();
  await lab.dropFiles(thirdPartyModelFolder());
  const summary = page.getByTestId('model-summary');
  await expect(summary).toBeVisible();
  await expect(page.getByTestId('summary-params')).toHaveText(
    THIRD_PARTY_PARAMS.toLocaleString('en-US'),
  );
  await expect(page.getByTestId('summary-input')).toHaveText('28×28×1');
  await expect(page.getByTestId('preflight-list')).toContainText('conv2d_1');
});

test('a graph model and a manifest-only file are refused with the exact message; the loaded model stays', async ({
  lab,
  page,
}) => {
  await lab.open();
  await lab.waitForBackend();
  await lab.dropFiles(thirdPartyModelFolder());
  await expect(page.getByTestId('summary-params')).toHaveText(
    THIRD_PARTY_PARAMS.toLocaleString('en-US'),
  );

  await lab.dropFiles([graphModelFile()]);
  await expect(lab.modelError()).toHaveText(GRAPH_MODEL_MESSAGE);
  await expect(page.getByTestId('summary-params')).toHaveText(
    THIRD_PARTY_PARAMS.toLocaleString('en-US'),
  );

  await lab.dropFiles([manifestOnlyFile()]);
  await expect(lab.modelError()).toHaveText(MANIFEST_ONLY_MESSAGE);
  await expect(page.getByTestId('summary-params')).toHaveText(
    THIRD_PARTY_PARAMS.toLocaleString('en-US'),
  );
});

test('the Browse… button opens a multi-file picker that loads the same folder', async ({
  lab,
  page,
}) => {
  await lab.open();
  await lab.waitForBackend();
  const [chooser] = await Promise.all([
    page.waitForEvent('filechooser'),
    page.getByRole('button', { name: 'Browse…' }).click(),
  ]);
  expect(chooser.isMultiple()).toBe(true);
  await chooser.setFiles(
    thirdPartyModelFolder().map((f) => ({
      name: f.name,
      mimeType: f.type || 'application/octet-stream',
      buffer: Buffer.from(f.bytes),
    })),
  );
  await expect(page.getByTestId('summary-params')).toHaveText(
    THIRD_PARTY_PARAMS.toLocaleString('en-US'),
  );
});
