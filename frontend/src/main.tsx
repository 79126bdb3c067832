import { QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from '@tanstack/react-router';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { configureApiClient } from '@/api/http';
import { authKeys } from '@/features/auth/api';
import { createAppQueryClient } from '@/lib/query-client';
import { applyTheme, readThemePreference } from '@/lib/theme';
import { createAppRouter } from '@/router';
import '@/styles.css';

configureApiClient();
applyTheme(readThemePreference(), false);

// Any 401 (expired or revoked session) sends the user to the login page, back here afterwards.
const queryClient = createAppQueryClient(() => {
  const { pathname, href } = router.state.location;
  if (pathname === '/login') return;
  queryClient.removeQueries({ queryKey: authKeys.all });
  void router.navigate({ to: '/login', search: { redirect: href } });
});
const router = createAppRouter(queryClient);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  </StrictMode>,
);
