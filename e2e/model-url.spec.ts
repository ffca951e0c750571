import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { test, expect } from './fixtures/lab-page';
import { thirdPartyModelFolder, THIRD_PARTY_PARAMS } from './fixtures/third-party-model';

type Route = (res: http.ServerResponse) => void;

/** A model host on another port (another origin than the lab): it logs requests and bytes sent. */
class ModelHost {
  routes = new Map<string, Route>();
  requests: string[] = [];
  sentBytes = 0;
  base = '';
  private server = http.createServer((req, res) => {
    this.requests.push(req.url ?? '');
    res.setHeader('Access-Control-Allow-Origin', '*');
    const route = this.routes.get(req.url ?? '');
    if (route) route(res);
    else res.writeHead(404).end();
  });

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  file(path: string, bytes: Uint8Array): void {
    this.routes.set(path, (res) => res.writeHead(200).end(Buffer.from(bytes)));
  }

  /** A chunk every 20 ms until the client goes away; `declaredBytes` as Content-Length if given. */
  endless(path: string, declaredBytes?: number, chunkBytes = 64 * 1024): void {
    this.routes.set(path, (res) => {
      res.writeHead(200, declaredBytes ? { 'Content-Length': String(declaredBytes) } : {});
      const chunk = Buffer.alloc(chunkBytes, 32);
      const timer = setInterval(() => {
        if (res.destroyed || res.writableEnded) return clearInterval(timer);
        res.write(chunk);
        this.sentBytes += chunk.length;
      }, 20);
      res.on('close', () => clearInterval(timer));
    });
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

let host: ModelHost;
let other: ModelHost;

test.beforeEach(async () => {
  host = new ModelHost();
  other = new ModelHost();
  await host.start();
  await other.start();
});
test.afterEach(async () => {
  await host.close();
  await other.close();
});

function serveModel(shardPaths?: string[]): void {
  const [json, ...shards] = thirdPartyModelFolder();
  const model = JSON.parse(new TextDecoder().decode(json.bytes));
  if (shardPaths) model.weightsManifest[0].paths = shardPaths;
  host.file('/m/model.json', new TextEncoder().encode(JSON.stringify(model)));
  for (const s of shards) host.file(`/m/${s.name}`, s.bytes);
}

test('a ?model= link fetches nothing until the user confirms, then loads the model', async ({
  lab,
  page,
}) => {
  serveModel();
  const url = `${host.base}/m/model.json`;
  await lab.open(`?model=${encodeURIComponent(url)}`);
  await lab.waitForBackend();
  await expect(page.getByTestId('linked-model-url')).toHaveText(url);
  await page.waitForTimeout(1500);
  expect(host.requests).toEqual([]);
  await page.getByTestId('linked-model-load').click();
  await expect(page.getByTestId('model-summary')).toContainText(url, { timeout: 30_000 });
  await expect(page.getByTestId('summary-params')).toHaveText(
    THIRD_PARTY_PARAMS.toLocaleString('en-US'),
  );
  expect(host.requests).toEqual(['/m/model.json', '/m/group1-shard1of2', '/m/group1-shard2of2']);
});

test('declining a linked model opens the demo and never fetches the link', async ({
  lab,
  page,
}) => {
  serveModel();
  await lab.open(`?model=${encodeURIComponent(`${host.base}/m/model.json`)}`);
  await lab.waitForBackend();
  await page.getByTestId('linked-model-decline').click();
  await expect(page.getByTestId('model-summary')).toContainText('demo mnist-cnn', {
    timeout: 30_000,
  });
  expect(host.requests).toEqual([]);
});

test('a manifest path on another origin is refused by name', async ({ lab, page }) => {
  const foreign = `${other.base}/steal.bin`;
  serveModel(['group1-shard1of2', foreign]);
  const url = `${host.base}/m/model.json`;
  await lab.open(`?model=${encodeURIComponent(url)}`);
  await lab.waitForBackend();
  await page.getByTestId('linked-model-load').click();
  await expect(page.getByTestId('model-error')).toHaveText(
    `Weight file "${foreign}" of the model at "${url}" lies on another origin (${other.base}); the lab fetches weight files only from the model's origin, ${host.base}.`,
  );
  expect(host.requests).toEqual(['/m/model.json']);
  expect(other.requests).toEqual([]);
});

test('a never-ending response is cancelled by the user', async ({ lab, page }) => {
  host.endless('/slow/model.json');
  const url = `${host.base}/slow/model.json`;
  await lab.open(`?model=${encodeURIComponent(url)}`);
  await lab.waitForBackend();
  await page.getByTestId('linked-model-load').click();
  await expect.poll(() => host.sentBytes).toBeGreaterThan(0);
  await page.getByTestId('cancel-model-load').click();
  await expect(page.getByTestId('model-error')).toHaveText(
    `Loading the model JSON from "${url}" was cancelled.`,
    { timeout: 2_000 },
  );
  await expect(page.getByTestId('cancel-model-load')).toHaveCount(0);
  const sentAtCancel = host.sentBytes;
  await page.waitForTimeout(500);
  expect(host.sentBytes - sentAtCancel).toBeLessThan(256 * 1024);
});

test('an oversized response is refused from its Content-Length before it is read', async ({
  lab,
  page,
}) => {
  const declared = 100 * 1024 * 1024;
  host.endless('/big/model.json', declared);
  const url = `${host.base}/big/model.json`;
  await lab.open(`?model=${encodeURIComponent(url)}`);
  await lab.waitForBackend();
  await page.getByTestId('linked-model-load').click();
  await expect(page.getByTestId('model-error')).toHaveText(
    `The model JSON at "${url}" is ${declared} bytes by its Content-Length; the lab refuses a model JSON over 64.0 MiB.`,
  );
  expect(host.sentBytes).toBeLessThan(declared / 10);
});

test('an oversized response without Content-Length is cut off once it passes the cap', async ({
  lab,
  page,
}) => {
  host.endless('/stream/model.json', undefined, 1024 * 1024);
  const url = `${host.base}/stream/model.json`;
  await lab.open(`?model=${encodeURIComponent(url)}`);
  await lab.waitForBackend();
  await page.getByTestId('linked-model-load').click();
  await expect(page.getByTestId('model-error')).toHaveText(
    `The model JSON at "${url}" sent more than ${64 * 1024 * 1024} bytes (the lab stopped reading); the lab refuses a model JSON over 64.0 MiB.`,
    { timeout: 60_000 },
  );
  const sentAtRefusal = host.sentBytes;
  await page.waitForTimeout(500);
  expect(host.sentBytes - sentAtRefusal).toBeLessThan(4 * 1024 * 1024);
});
