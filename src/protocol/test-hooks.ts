/**
 * Failure simulations and debug hooks (`?simulate=`, `?debug`, `?watchdog=`) exist for the
 * robustness specs only. They are compiled in for the dev server and for the e2e build
 * (`vite build --mode e2e`, what playwright.config.ts runs); a production build replaces this
 * constant with false and drops the code behind it, so a link cannot reach them.
 */
export const TEST_HOOKS_ENABLED: boolean = import.meta.env.DEV || import.meta.env.MODE === 'e2e';
