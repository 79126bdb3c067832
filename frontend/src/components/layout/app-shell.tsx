import { Outlet } from '@tanstack/react-router';
import { useState } from 'react';
import { AppSidebar } from '@/components/layout/app-sidebar';
import { AppTopbar } from '@/components/layout/app-topbar';

export interface AppShellUser {
  email: string;
  name: string;
  isSuperuser: boolean;
  permissions: string[];
}

export function AppShell({ user, onLogout, loggingOut }: { user: AppShellUser; onLogout: () => void; loggingOut: boolean }) {
  const [menuOpen, setMenuOpen] = useState(false);
  return (
    <div className="flex h-screen overflow-hidden">
      <aside
        className={`${menuOpen ? 'fixed inset-y-0 left-0 z-30 flex' : 'hidden'} w-60 shrink-0 flex-col border-r border-zinc-200 bg-white lg:static lg:flex dark:border-zinc-800 dark:bg-zinc-900`}
      >
        <div className="flex h-14 items-center gap-2 border-b border-zinc-200 px-5 dark:border-zinc-800">
          <img src="/favicon.svg" alt="" className="size-6" />
          <span className="font-semibold tracking-tight">Querygate</span>
        </div>
        <AppSidebar user={user} onNavigate={() => setMenuOpen(false)} />
      </aside>
      <div className="flex min-w-0 flex-1 flex-col">
        <AppTopbar email={user.email} name={user.name} onLogout={onLogout} loggingOut={loggingOut} onToggleMenu={() => setMenuOpen((o) => !o)} />
        <main className="flex-1 overflow-y-auto px-6 py-6 lg:px-8">
          <div className="mx-auto max-w-6xl">
            <Outlet />
          </div>
        </main>
      </div>
    </div>
  );
}
