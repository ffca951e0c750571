import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EngineClient } from './client';
import type { WorkerMessage } from './messages';

/** A stand-in Worker: records what the client posts; `reply` plays the worker's side. */
class FakeWorker {
  posted: unknown[] = [];
  onmessage: ((e: MessageEvent<WorkerMessage>) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  postMessage(message: unknown): void {
    this.posted.push(message);
  }
  terminate(): void {}
  reply(message: WorkerMessage): void {
    this.onmessage?.({ data: message } as MessageEvent<WorkerMessage>);
  }
}

describe('EngineClient watchdog', () => {
  let now = 0;
  let worker: FakeWorker;
  let client: EngineClient;
  const crashes: string[] = [];

  beforeEach(() => {
    vi.useFakeTimers();
    now = 0;
    crashes.length = 0;
    worker = new FakeWorker();
    client = new EngineClient(() => worker as unknown as Worker);
    client.onCrash((m) => crashes.push(m));
    client.startWatchdog({ intervalMs: 1000, timeoutMs: 3000, now: () => now });
  });
  afterEach(() => vi.useRealTimers());

  const tick = (ms: number) => {
    now += ms;
    vi.advanceTimersByTime(ms);
  };

  it('pings, and a worker that answers is never reported', () => {
    for (let i = 0; i < 10; i++) {
      tick(1000);
      const ping = worker.posted.at(-1) as { kind: string; id: number };
      expect(ping.kind).toBe('ping');
      worker.reply({ kind: 'pong', id: ping.id });
    }
    expect(worker.posted).toHaveLength(10);
    expect(crashes).toEqual([]);
  });

  it('reports a silent worker once, rejects its pending requests and refuses new ones', async () => {
    const pending = client.request('memory', {});
    tick(4000);
    expect(crashes).toEqual([
      'The engine stopped responding (no answer for 4 s); restart it to go on.',
    ]);
    await expect(pending).rejects.toThrow('The engine stopped responding (no answer for 4 s)');
    await expect(client.request('memory', {})).rejects.toThrow(
      'The engine has stopped; restart it.',
    );
    tick(10_000);
    client.terminate();
    expect(crashes).toHaveLength(1);
  });
});
