import { afterEach, describe, expect, it, vi } from 'vitest';
import { applyTheme, readThemePreference, themeStorageKey } from '@/lib/theme';

function mockSystemDark(dark: boolean) {
  vi.stubGlobal('matchMedia', (query: string) => ({ matches: dark && query.includes('dark'), addEventListener: vi.fn(), removeEventListener: vi.fn() }));
}

describe('theme', () => {
  afterEach(() => {
    localStorage.clear();
    document.documentElement.classList.remove('dark');
    vi.unstubAllGlobals();
  });

  it('should follow the OS preference when nothing is stored', () => {
    mockSystemDark(true);
    expect(readThemePreference()).toBe('system');
    applyTheme(readThemePreference(), false);
    expect(document.documentElement).toHaveClass('dark');
    expect(localStorage.getItem(themeStorageKey)).toBeNull();
  });

  it('should let a stored choice win over the OS preference and persist it', () => {
    mockSystemDark(true);
    applyTheme('light');
    expect(document.documentElement).not.toHaveClass('dark');
    expect(localStorage.getItem(themeStorageKey)).toBe('light');
    expect(readThemePreference()).toBe('light');

    applyTheme('dark');
    expect(document.documentElement).toHaveClass('dark');
    expect(readThemePreference()).toBe('dark');
  });

  it('should ignore a garbage stored value', () => {
    localStorage.setItem(themeStorageKey, 'purple');
    expect(readThemePreference()).toBe('system');
  });
});
