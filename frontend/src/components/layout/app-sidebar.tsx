import { Link } from '@tanstack/react-router';
import { NavIcon } from '@/components/layout/nav-icon';
import { visibleNavItems, type NavItem } from '@/components/layout/nav-items';
import type { PermissionHolder } from '@/lib/permissions';

function groupBySection(items: NavItem[]): [string, NavItem[]][] {
  const groups = new Map<string, NavItem[]>();
  for (const item of items) groups.set(item.section, [...(groups.get(item.section) ?? []), item]);
  return [...groups];
}

export function AppSidebar({ user, onNavigate }: { user: PermissionHolder; onNavigate?: () => void }) {
  const sections = groupBySection(visibleNavItems(user));
  return (
    <nav aria-label="Main" className="flex h-full flex-col gap-5 overflow-y-auto px-3 py-4">
      {sections.map(([section, items]) => (
        <div key={section}>
          {section !== 'Home' && <p className="mb-1 px-2 text-[11px] font-semibold tracking-wider text-zinc-400 uppercase">{section}</p>}
          <ul className="space-y-0.5">
            {items.map((item) => (
              <li key={item.to}>
                <Link
                  to={item.to}
                  onClick={onNavigate}
                  activeOptions={{ exact: item.to === '/' }}
                  className="flex items-center gap-2.5 rounded-md px-2 py-1.5 text-sm text-zinc-600 hover:bg-zinc-100 hover:text-zinc-900 dark:text-zinc-400 dark:hover:bg-zinc-800 dark:hover:text-zinc-100"
                  activeProps={{ className: 'bg-indigo-50 font-medium text-indigo-700 dark:bg-indigo-950 dark:text-indigo-300', 'aria-current': 'page' }}
                >
                  <NavIcon path={item.icon} />
                  {item.label}
                </Link>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </nav>
  );
}
