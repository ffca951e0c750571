import { useEffect, useState } from 'react';
import { applyTheme, initialTheme, THEME_STORAGE_KEY, type Theme } from './theme';

function safeStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null; // storage blocked (private mode, file://): the toggle still works for this visit
  }
}

/** Switches the light and dark tokens; both pass 4.5:1 text contrast, in presenter mode too. */
export function ThemeToggle() {
  const [theme, setTheme] = useState<Theme>(() =>
    initialTheme(safeStorage(), window.matchMedia?.('(prefers-color-scheme: dark)').matches),
  );
  useEffect(() => {
    applyTheme(document.documentElement, theme);
    safeStorage()?.setItem(THEME_STORAGE_KEY, theme);
  }, [theme]);
  return (
    <button
      type="button"
      data-testid="theme-toggle"
      aria-pressed={theme === 'dark'}
      onClick={() => setTheme(theme === 'dark' ? 'light' : 'dark')}
    >
      Dark theme
    </button>
  );
}
