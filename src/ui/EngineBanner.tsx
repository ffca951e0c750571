import { restartEngine } from '../store/engine-recovery';
import { useLabStore } from '../store/store';

/**
 * The engine's health for the user: why it is not on its usual backend, or that it stopped —
 * then "Restart engine" starts a new worker and reloads the model without reloading the page.
 */
export function EngineBanner() {
  const engineError = useLabStore((s) => s.engineError);
  const crashed = useLabStore((s) => s.engineCrashed);
  const notice = useLabStore((s) => s.backendNotice);
  const status = useLabStore((s) => s.engineStatus);
  return (
    <>
      {engineError && (
        <div role="alert" className="banner banner-error" data-testid="engine-error">
          {engineError}
          {crashed && (
            <>
              {' '}
              <button
                type="button"
                data-testid="restart-engine"
                disabled={status === 'starting'}
                onClick={() => void restartEngine()}
              >
                Restart engine
              </button>
            </>
          )}
        </div>
      )}
      {!engineError && notice && (
        <div role="status" className="banner banner-warn" data-testid="backend-notice">
          {notice}
        </div>
      )}
    </>
  );
}
