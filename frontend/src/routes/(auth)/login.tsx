import { createFileRoute, redirect, useRouter } from '@tanstack/react-router';
import { meQueryOptions } from '@/features/auth/api';
import { LoginPage } from '@/features/auth/login-page';
import { loginSearchSchema } from '@/features/auth/schemas';

export const Route = createFileRoute('/(auth)/login')({
  validateSearch: loginSearchSchema,
  // Already signed in (known from the cache; no request): go straight on.
  beforeLoad: ({ context, search }) => {
    if (context.queryClient.getQueryData(meQueryOptions().queryKey)) throw redirect({ href: search.redirect ?? '/' });
  },
  component: LoginRoute,
});

function LoginRoute() {
  const { redirect: target } = Route.useSearch();
  const router = useRouter();
  return <LoginPage onSuccess={() => router.history.push(target ?? '/')} />;
}
