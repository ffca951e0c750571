import { useEffect } from 'react';
import { Header } from './Header';
import { backendFromLocation, startEngine } from '../store/engine-connection';
import { useLabStore } from '../store/store';

export function App() {
  const engineError = useLabStore((s) => s.engineError);

  useEffect(() => {
    let preference;
    try {
      preference = backendFromLocation(window.location.search);
    } catch (e) {
      useLabStore.getState().setEngineFailed(e instanceof Error ? e.message : String(e));
      return;
    }
    void startEngine(preference);
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
        <section className="panel" aria-labelledby="panel-model-title">
          <h2 id="panel-model-title">Model</h2>
        </section>
        <section className="panel" aria-labelledby="panel-data-title">
          <h2 id="panel-data-title">Data</h2>
        </section>
        <section className="panel" aria-labelledby="panel-pipeline-title">
          <h2 id="panel-pipeline-title">Pipeline</h2>
        </section>
        <section className="panel" aria-labelledby="panel-results-title">
          <h2 id="panel-results-title">Results</h2>
        </section>
      </main>
    </div>
  );
}
