import { useCallback, useEffect, useState } from 'react';
import { applyTheme, readThemePreference, type ThemePreference } from '@/lib/theme';

/** The theme preference, kept in localStorage; 'system' follows the OS setting live. */
export function useTheme(): [ThemePreference, (next: ThemePreference) => void] {
  const [theme, setThemeState] = useState<ThemePreference>(readThemePreference);

  useEffect(() => {
    if (theme !== 'system' || typeof window.matchMedia !== 'function') return;
    const media = window.matchMedia('(prefers-color-scheme: dark)');
    const onChange = () => applyTheme('system', false);
    media.addEventListener('change', onChange);
    return () => media.removeEventListener('change', onChange);
  }, [theme]);

  const setTheme = useCallback((next: ThemePreference) => {
    applyTheme(next);
    setThemeState(next);
  }, []);

  return [theme, setTheme];
}
