import { createFileRoute, useRouter } from '@tanstack/react-router';
import { LoginPage } from '@/features/auth/login-page';
import { loginSearchSchema } from '@/features/auth/schemas';

export const Route = createFileRoute('/(auth)/login')({
  validateSearch: loginSearchSchema,
  component: LoginRoute,
});

function LoginRoute() {
  const { redirect } = Route.useSearch();
  const router = useRouter();
  return <LoginPage onSuccess={() => router.history.push(redirect ?? '/')} />;
}
