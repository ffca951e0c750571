import { EngineClient, EngineError } from '../worker/client';
import { parseBackendPreference, type BackendPreference } from '../core/backend-names';
import { useLabStore } from './store';

/** Owns the single EngineClient of the page and mirrors its state into the store. */
let client: EngineClient | null = null;

export function getEngine(): EngineClient {
  if (!client) throw new Error('The engine has not been started.');
  return client;
}

export function backendFromLocation(search: string): BackendPreference {
  return parseBackendPreference(new URLSearchParams(search).get('backend'));
}

export async function startEngine(preference: BackendPreference): Promise<void> {
  const store = useLabStore.getState();
  store.setEngineStarting();
  try {
    client?.terminate();
    client = new EngineClient();
    client.onCrash((message) => useLabStore.getState().setEngineFailed(message));
    const report = await client.request('init', { backend: preference });
    useLabStore.getState().setBackend(report);
  } catch (e) {
    const message = e instanceof EngineError || e instanceof Error ? e.message : String(e);
    useLabStore.getState().setEngineFailed(message);
  }
}
