import { useEffect } from 'react';
import { Header } from './Header';
import { DataPanel } from './DataPanel';
import { ModelPanel } from './model/ModelPanel';
import { PipelinePanel } from './pipeline/PipelinePanel';
import { ResultsPanel } from './results/ResultsPanel';
import { AnalysisSection } from './presenter/AnalysisSection';
import { EngineBanner } from './EngineBanner';
import { NetworkView } from './network/NetworkView';
import {
  backendFromLocation,
  getEngine,
  simulateFromLocation,
  watchdogFromLocation,
  startEngine,
} from '../store/engine-connection';
import { restartEngine } from '../store/engine-recovery';
import { setFatalRunHandler } from '../store/lab-actions';
import { useLabStore } from '../store/store';
import { TEST_HOOKS_ENABLED } from '../protocol/test-hooks';
import { applyStartupLocation, syncHashWithStore } from '../store/url-sync';

let booted = false;

async function boot(): Promise<void> {
  // StrictMode runs effects twice in development; one engine per page.
  if (booted) return;
  booted = true;
  setFatalRunHandler(restartEngine);
  const search = window.location.search;
  const { preference, notice } = backendFromLocation(search);
  await startEngine(preference, simulateFromLocation(search), watchdogFromLocation(search));
  const { backend, backendNotice } = useLabStore.getState();
  if (notice && backend)
    useLabStore.getState().setBackend(backend, [notice, backendNotice].filter(Boolean).join(' '));
  if (TEST_HOOKS_ENABLED) exposeDebugHooks();
  if (useLabStore.getState().engineStatus === 'ready') {
    await applyStartupLocation(window.location.search, window.location.hash);
  }
}

/** `?debug` (test builds only): hooks the robustness specs use to break the engine on purpose. */
function exposeDebugHooks(): void {
  if (!new URLSearchParams(window.location.search).has('debug')) return;
  (window as unknown as { labDebug: object }).labDebug = {
    crashEngine: () => getEngine().request('debugCrash', {}),
    closeEngine: () => getEngine().request('debugClose', {}),
  };
}

export function App() {
  useEffect(() => {
    void boot();
    return syncHashWithStore();
  }, []);

  return (
    <div className="app">
      <Header />
      <EngineBanner />
      <main className="panel-grid" aria-label="Lab panels">
        <NetworkView />
        <ModelPanel />
        <DataPanel />
        <PipelinePanel />
        <ResultsPanel />
        <AnalysisSection />
      </main>
    </div>
  );
}
