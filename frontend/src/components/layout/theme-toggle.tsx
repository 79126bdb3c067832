import { useTheme } from '@/hooks/use-theme';
import type { ThemePreference } from '@/lib/theme';

const order: ThemePreference[] = ['light', 'dark', 'system'];
const labels: Record<ThemePreference, string> = { light: 'Light', dark: 'Dark', system: 'System' };

export function ThemeToggle() {
  const [theme, setTheme] = useTheme();
  const next = order[(order.indexOf(theme) + 1) % order.length];
  return (
    <button
      type="button"
      onClick={() => setTheme(next)}
      aria-label={`Theme: ${labels[theme]}. Switch to ${labels[next]}`}
      title={`Theme: ${labels[theme]}`}
      className="grid size-8 place-items-center rounded-md text-zinc-500 hover:bg-zinc-100 dark:hover:bg-zinc-800"
    >
      <span aria-hidden>{theme === 'light' ? '☀' : theme === 'dark' ? '☾' : '◐'}</span>
    </button>
  );
}
