import { ThemeToggle } from '@/components/layout/theme-toggle';
import { Button } from '@/components/ui/button';

export interface AppTopbarProps {
  email: string;
  name: string;
  onLogout: () => void;
  loggingOut: boolean;
  onToggleMenu: () => void;
}

export function AppTopbar({ email, name, onLogout, loggingOut, onToggleMenu }: AppTopbarProps) {
  return (
    <header className="flex h-14 shrink-0 items-center gap-3 border-b border-zinc-200 bg-white px-4 dark:border-zinc-800 dark:bg-zinc-900">
      <button type="button" onClick={onToggleMenu} aria-label="Toggle navigation" className="rounded-md p-1.5 text-zinc-500 hover:bg-zinc-100 lg:hidden dark:hover:bg-zinc-800">
        ☰
      </button>
      <div className="flex-1" />
      <ThemeToggle />
      <div className="hidden text-right sm:block" data-testid="current-user">
        <p className="text-sm leading-tight font-medium">{name || email}</p>
        <p className="text-xs leading-tight text-zinc-500">{email}</p>
      </div>
      <Button variant="secondary" size="sm" onClick={onLogout} loading={loggingOut}>
        Sign out
      </Button>
    </header>
  );
}
