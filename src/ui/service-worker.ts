/** Registers the offline service worker in production builds (dev serves files unbundled). */
export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  window.addEventListener('load', () => {
    navigator.serviceWorker.register(`${import.meta.env.BASE_URL}sw.js`).catch((e: unknown) => {
      console.warn(
        `The offline service worker did not register: ${e instanceof Error ? e.message : String(e)}.`,
      );
    });
  });
}
