import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchBounded, httpUrl } from './bounded-fetch';
import { fetchModelFilesAt } from './model-fetch';

type Route = (res: http.ServerResponse) => void;

/** A local server whose routes are set per test; it counts the requests and bytes it sent. */
class TestServer {
  routes = new Map<string, Route>();
  requests: string[] = [];
  sentBytes = 0;
  private server = http.createServer((req, res) => {
    this.requests.push(req.url ?? '');
    const route = this.routes.get(req.url ?? '');
    if (route) route(res);
    else res.writeHead(404).end();
  });

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  json(path: string, body: unknown): void {
    this.routes.set(path, (res) => res.writeHead(200).end(JSON.stringify(body)));
  }

  /** Writes `chunk` every 5 ms, `count` times (Infinity: never ends). */
  stream(path: string, chunk: Uint8Array, count: number, headers: http.OutgoingHttpHeaders = {}) {
    this.routes.set(path, (res) => {
      res.writeHead(200, headers);
      let sent = 0;
      const timer = setInterval(() => {
        if (res.destroyed || sent >= count) {
          clearInterval(timer);
          if (!res.destroyed) res.end();
          return;
        }
        res.write(chunk);
        this.sentBytes += chunk.length;
        sent++;
      }, 5);
    });
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

const server = new TestServer();
const other = new TestServer();
let base = '';
let otherBase = '';

const manifest = (paths: string[]) => ({
  modelTopology: {},
  weightsManifest: [{ paths, weights: [] }],
});

beforeAll(async () => {
  base = await server.start();
  otherBase = await other.start();
});
afterAll(async () => {
  await server.close();
  await other.close();
});

describe('httpUrl', () => {
  it('refuses anything but http(s) by name', () => {
    expect(() => httpUrl('file:///etc/passwd', 'http://lab.test')).toThrow(
      'The model URL "file:///etc/passwd" is not http or https; the lab fetches models only over http(s).',
    );
    expect(() => httpUrl('javascript:alert(1)', 'http://lab.test')).toThrow(
      'The model URL "javascript:alert(1)" is not http or https; the lab fetches models only over http(s).',
    );
    expect(httpUrl('/models/a/model.json', 'http://lab.test').href).toBe(
      'http://lab.test/models/a/model.json',
    );
  });
});

describe('fetchModelFilesAt', () => {
  it('fetches the JSON and its shards relative to the model URL', async () => {
    server.json('/m/model.json', manifest(['w/a.bin', '../b.bin']));
    server.routes.set('/m/w/a.bin', (res) => res.writeHead(200).end(Buffer.from([1, 2, 3])));
    server.routes.set('/b.bin', (res) => res.writeHead(200).end(Buffer.from([4])));
    const files = await fetchModelFilesAt(new URL(`${base}/m/model.json`));
    expect(Object.keys(files)).toEqual(['model.json', 'w/a.bin', '../b.bin']);
    expect([...files['w/a.bin'], ...files['../b.bin']]).toEqual([1, 2, 3, 4]);
  });

  it('refuses a shard on another origin by name, before fetching any shard', async () => {
    const host = new URL(otherBase).host;
    for (const path of [`${otherBase}/w.bin`, `//${host}/w.bin`]) {
      server.json('/x/model.json', manifest(['ok.bin', path]));
      server.requests = [];
      await expect(fetchModelFilesAt(new URL(`${base}/x/model.json`))).rejects.toThrow(
        `Weight file "${path}" of the model at "${base}/x/model.json" lies on another origin (${otherBase}); the lab fetches weight files only from the model's origin, ${base}.`,
      );
      expect(server.requests).toEqual(['/x/model.json']);
    }
    expect(other.requests).toEqual([]);
  });
});

describe('fetchBounded', () => {
  const bounds = {
    what: 'the model JSON',
    maxBytes: 64 * 1024,
    limitText: 'the lab refuses a model JSON over 0.1 MiB',
    idleTimeoutMs: 30_000,
  };
  const chunk = new Uint8Array(16 * 1024).fill(32);

  it('refuses a Content-Length over the cap before reading the body', async () => {
    server.sentBytes = 0;
    server.stream('/big-declared', chunk, 400, { 'content-length': String(400 * chunk.length) });
    await expect(fetchBounded(`${base}/big-declared`, bounds)).rejects.toThrow(
      `The model JSON at "${base}/big-declared" is 6553600 bytes by its Content-Length; the lab refuses a model JSON over 0.1 MiB.`,
    );
    expect(server.sentBytes).toBeLessThan(400 * chunk.length);
  });

  it('stops reading a body without Content-Length once it passes the cap', async () => {
    server.sentBytes = 0;
    server.stream('/big-chunked', chunk, Infinity);
    await expect(fetchBounded(`${base}/big-chunked`, bounds)).rejects.toThrow(
      `The model JSON at "${base}/big-chunked" sent more than 65536 bytes (the lab stopped reading); the lab refuses a model JSON over 0.1 MiB.`,
    );
    await new Promise((r) => setTimeout(r, 100));
    const sentThen = server.sentBytes;
    await new Promise((r) => setTimeout(r, 100));
    expect(server.sentBytes).toBe(sentThen);
  });

  it('times out when a response goes quiet, and stops on the user cancel', async () => {
    server.routes.set('/hang', (res) => res.writeHead(200).write('{'));
    await expect(
      fetchBounded(`${base}/hang`, { ...bounds, idleTimeoutMs: 300 }),
    ).rejects.toMatchObject({
      code: 'TIMEOUT',
      message: `The model JSON at "${base}/hang" sent nothing for 0.3 s; the lab stopped waiting.`,
    });
    const cancel = new AbortController();
    setTimeout(() => cancel.abort(), 100);
    await expect(
      fetchBounded(`${base}/hang`, { ...bounds, signal: cancel.signal }),
    ).rejects.toMatchObject({
      code: 'CANCELLED',
      message: `Loading the model JSON from "${base}/hang" was cancelled.`,
    });
  });
});
