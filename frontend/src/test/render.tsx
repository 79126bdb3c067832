import { QueryClientProvider } from '@tanstack/react-query';
import { render, type RenderResult } from '@testing-library/react';
import type { ReactElement } from 'react';
import { configureApiClient } from '@/api/http';
import { createAppQueryClient } from '@/lib/query-client';

export interface FakeResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/**
 * Points the generated client at a fake fetch (the network is the only thing replaced) and renders
 * the UI inside a fresh QueryClient. Returns the recorded requests.
 */
export function renderWithApi(ui: ReactElement, respond: (request: Request) => FakeResponse | Promise<FakeResponse>): RenderResult & { requests: Request[] } {
  const requests: Request[] = [];
  const fakeFetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(input, init);
    requests.push(request);
    const { status, body, headers = {} } = await respond(request);
    return new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });
  };
  configureApiClient({ baseUrl: 'http://localhost', fetch: fakeFetch as typeof fetch });
  const queryClient = createAppQueryClient();
  return { ...render(<QueryClientProvider client={queryClient}>{ui}</QueryClientProvider>), requests };
}
