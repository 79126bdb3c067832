export type ThemePreference = 'light' | 'dark' | 'system';

export const themeStorageKey = 'qg-theme';

export function readThemePreference(): ThemePreference {
  try {
    const stored = localStorage.getItem(themeStorageKey);
    if (stored === 'light' || stored === 'dark' || stored === 'system') return stored;
  } catch {
    // Storage can be disabled (private mode); fall back to the OS preference.
  }
  return 'system';
}

export function systemPrefersDark(): boolean {
  return typeof window.matchMedia === 'function' && window.matchMedia('(prefers-color-scheme: dark)').matches;
}

/** Puts the `dark` class on <html> for the preference and remembers the choice. */
export function applyTheme(preference: ThemePreference, persist = true): void {
  const dark = preference === 'dark' || (preference === 'system' && systemPrefersDark());
  document.documentElement.classList.toggle('dark', dark);
  document.documentElement.style.colorScheme = dark ? 'dark' : 'light';
  if (!persist) return;
  try {
    localStorage.setItem(themeStorageKey, preference);
  } catch {
    // Not persisted; the choice still applies to this page.
  }
}
