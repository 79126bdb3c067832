import { useTheme } from '@/hooks/use-theme';
import type { ThemePreference } from '@/lib/theme';

const options: { value: ThemePreference; label: string; description: string }[] = [
  { value: 'light', label: 'Light', description: 'Always light.' },
  { value: 'dark', label: 'Dark', description: 'Always dark.' },
  { value: 'system', label: 'System', description: 'Follow the operating system.' },
];

export function SettingsThemeForm() {
  const [theme, setTheme] = useTheme();
  return (
    <fieldset>
      <legend className="sr-only">Theme</legend>
      <div className="grid max-w-xl gap-3 sm:grid-cols-3">
        {options.map((o) => (
          <label
            key={o.value}
            className="flex cursor-pointer items-start gap-2 rounded-md border border-zinc-200 p-3 has-[:checked]:border-indigo-500 has-[:checked]:ring-2 has-[:checked]:ring-indigo-500/20 dark:border-zinc-700"
          >
            <input type="radio" name="theme" value={o.value} checked={theme === o.value} onChange={() => setTheme(o.value)} className="mt-0.5 accent-indigo-600" />
            <span className="text-sm">
              <span className="block font-medium">{o.label}</span>
              <span className="text-xs text-zinc-500">{o.description}</span>
            </span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
