import { useQuery } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { AppShell } from '@/components/layout/app-shell';
import { meQueryOptions, useLogout } from '@/features/auth/api';

export function AuthenticatedLayout() {
  const { data: me } = useQuery(meQueryOptions());
  const logout = useLogout();
  const navigate = useNavigate();
  if (!me) return null;
  const onLogout = () => logout.mutate(undefined, { onSettled: () => void navigate({ to: '/login' }) });
  return <AppShell user={me} onLogout={onLogout} loggingOut={logout.isPending} />;
}
