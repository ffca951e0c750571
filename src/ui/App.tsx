import { useEffect } from 'react';
import { Header } from './Header';
import { DataPanel } from './DataPanel';
import { ModelPanel } from './model/ModelPanel';
import { PipelinePanel } from './pipeline/PipelinePanel';
import { ResultsPanel } from './results/ResultsPanel';
import { AnalysisSection } from './presenter/AnalysisSection';
import { backendFromLocation, startEngine } from '../store/engine-connection';
import { useLabStore } from '../store/store';
import { applyStartupLocation, syncHashWithStore } from '../store/url-sync';

let booted = false;

async function boot(): Promise<void> {
  // StrictMode runs effects twice in development; one engine per page.
  if (booted) return;
  booted = true;
  let preference;
  try {
    preference = backendFromLocation(window.location.search);
  } catch (e) {
    useLabStore.getState().setEngineFailed(e instanceof Error ? e.message : String(e));
    return;
  }
  await startEngine(preference);
  if (useLabStore.getState().engineStatus === 'ready') {
    await applyStartupLocation(window.location.search, window.location.hash);
  }
}

export function App() {
  const engineError = useLabStore((s) => s.engineError);

  useEffect(() => {
    void boot();
    return syncHashWithStore();
  }, []);

  return (
    <div className="app">
      <Header />
      {engineError && (
        <div role="alert" className="banner banner-error" data-testid="engine-error">
          {engineError}
        </div>
      )}
      <main className="panel-grid" aria-label="Lab panels">
        <ModelPanel />
        <DataPanel />
        <PipelinePanel />
        <ResultsPanel />
        <AnalysisSection />
      </main>
    </div>
  );
}
