import { describe, expect, it } from 'vitest';
import { initialTheme, THEME_STORAGE_KEY } from './theme';

const storageWith = (value: string | null) => ({
  getItem: (key: string) => (key === THEME_STORAGE_KEY ? value : null),
});

describe('initialTheme', () => {
  it('prefers the stored choice over the system preference', () => {
    expect(initialTheme(storageWith('light'), true)).toBe('light');
    expect(initialTheme(storageWith('dark'), false)).toBe('dark');
  });

  it('falls back to the system preference for a missing or unknown value', () => {
    expect(initialTheme(storageWith(null), true)).toBe('dark');
    expect(initialTheme(storageWith('sepia'), false)).toBe('light');
    expect(initialTheme(null, false)).toBe('light');
  });
});
