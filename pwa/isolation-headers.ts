/**
 * Cross-origin isolation: with these two headers the page gets `crossOriginIsolated`, so
 * SharedArrayBuffer exists and tfjs-backend-wasm loads its threaded SIMD build (one XNNPACK
 * thread per core). `require-corp` blocks cross-origin subresources that do not opt in via
 * CORS or CORP; the lab fetches cross-origin models with CORS, which satisfies it.
 * Static hosts that cannot set headers get them from the service worker (sw-template.js).
 */
export const ISOLATION_HEADERS: Readonly<Record<string, string>> = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};
