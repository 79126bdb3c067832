import { LoginForm } from '@/features/auth/components/login-form';

export function LoginPage({ onSuccess }: { onSuccess: () => void }) {
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-sm">
        <div className="mb-8 flex items-center justify-center gap-2">
          <img src="/favicon.svg" alt="" className="size-8" />
          <span className="text-xl font-semibold tracking-tight">Querygate</span>
        </div>
        <div className="rounded-lg border border-zinc-200 bg-white p-6 shadow-sm dark:border-zinc-800 dark:bg-zinc-900">
          <h1 className="mb-1 text-lg font-semibold">Sign in</h1>
          <p className="mb-6 text-sm text-zinc-500">Use your Querygate account.</p>
          <LoginForm onSuccess={onSuccess} />
        </div>
      </div>
    </main>
  );
}
