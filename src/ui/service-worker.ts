const RELOADED_KEY = 'pruning-lab-isolation-reload';

/**
 * On a static host the page is cross-origin isolated only once the service worker serves it
 * (the worker adds COOP/COEP). When the worker first takes control of a non-isolated page,
 * reload once so wasm gets its threads; the session flag keeps it to one reload.
 */
function reloadOnceForIsolation(): void {
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    if (window.crossOriginIsolated || sessionStorage.getItem(RELOADED_KEY)) return;
    sessionStorage.setItem(RELOADED_KEY, '1');
    window.location.reload();
  });
}

/** Registers the offline service worker in production builds (dev serves files unbundled). */
export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  reloadOnceForIsolation();
  window.addEventListener('load', () => {
    navigator.serviceWorker.register(`${import.meta.env.BASE_URL}sw.js`).catch((e: unknown) => {
      console.warn(
        `The offline service worker did not register: ${e instanceof Error ? e.message : String(e)}.`,
      );
    });
  });
}
