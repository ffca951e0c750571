/** Light or dark colour tokens (styles.css), remembered per browser, independent of presenter mode. */
export type Theme = 'light' | 'dark';

export const THEME_STORAGE_KEY = 'pruning-lab.theme';

/** The stored choice, else the system's preference, else light. */
export function initialTheme(
  storage: Pick<Storage, 'getItem'> | null,
  prefersDark: boolean,
): Theme {
  const stored = storage?.getItem(THEME_STORAGE_KEY);
  if (stored === 'light' || stored === 'dark') return stored;
  return prefersDark ? 'dark' : 'light';
}

export function applyTheme(root: HTMLElement, theme: Theme): void {
  root.classList.toggle('theme-dark', theme === 'dark');
}
