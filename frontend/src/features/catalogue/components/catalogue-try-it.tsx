import { useState, type FormEvent } from 'react';
import { toApiError } from '@/api/http';
import { Button } from '@/components/ui/button';
import { Badge } from '@/components/ui/feedback';
import { inputClass } from '@/components/ui/field';
import { Tabs } from '@/components/ui/tabs';
import { useObtainToken, useTryApi } from '@/features/catalogue/api';
import type { CatalogueOperation } from '@/features/catalogue/lib/operations';
import { snippet, type SnippetLanguage } from '@/features/catalogue/lib/snippets';

/** Fill the parameters, optionally get a token with client credentials, send the call, copy snippets. */
export function CatalogueTryIt({ op }: { op: CatalogueOperation }) {
  const [values, setValues] = useState<Record<string, string>>({});
  const [token, setToken] = useState('');
  const [clientId, setClientId] = useState('');
  const [clientSecret, setClientSecret] = useState('');
  const [language, setLanguage] = useState<SnippetLanguage>('curl');
  const tryApi = useTryApi();
  const obtain = useObtainToken();
  const send = (event: FormEvent) => {
    event.preventDefault();
    tryApi.mutate({ op, values, token });
  };
  return (
    <div className="space-y-5">
      <form onSubmit={send} aria-label="Try it" className="space-y-3">
        <div className="grid gap-3 sm:grid-cols-2">
          {op.params.map((p) => (
            <label key={`${p.in}-${p.name}`} className="block text-sm">
              <span className="font-mono">{p.name}</span>
              {p.required && <span className="text-red-600"> *</span>}
              <span className="ml-2 text-xs text-zinc-500">
                {p.type} · {p.in}
              </span>
              <input className={inputClass} placeholder={p.example === undefined ? '' : String(p.example)} value={values[p.name] ?? ''} onChange={(e) => setValues((v) => ({ ...v, [p.name]: e.target.value }))} />
            </label>
          ))}
        </div>
        {op.private && (
          <fieldset className="space-y-2 rounded-md border border-zinc-200 p-3 dark:border-zinc-800">
            <legend className="px-1 text-sm font-medium">Client token</legend>
            <div className="flex flex-wrap items-end gap-2">
              <input aria-label="Client id" placeholder="Client id" className={`${inputClass} w-48`} value={clientId} onChange={(e) => setClientId(e.target.value)} />
              <input aria-label="Client secret" type="password" placeholder="Client secret" className={`${inputClass} w-56`} value={clientSecret} onChange={(e) => setClientSecret(e.target.value)} />
              <Button variant="secondary" loading={obtain.isPending} onClick={() => obtain.mutate({ clientId, clientSecret }, { onSuccess: setToken })}>
                Get token
              </Button>
            </div>
            <input aria-label="Bearer token" placeholder="…or paste a bearer token" className={`${inputClass} font-mono text-xs`} value={token} onChange={(e) => setToken(e.target.value)} />
            {obtain.isError && <p className="text-xs text-red-600">{toApiError(obtain.error).message}</p>}
          </fieldset>
        )}
        <Button type="submit" loading={tryApi.isPending}>
          Send request
        </Button>
      </form>
      {tryApi.isError && <p role="alert" className="text-sm text-red-600">{toApiError(tryApi.error).message}</p>}
      {tryApi.data && (
        <div className="space-y-2">
          <p className="text-sm">
            <Badge tone={tryApi.data.status < 400 ? 'green' : 'amber'}>{tryApi.data.status}</Badge> <span className="text-zinc-500">{tryApi.data.durationMs.toFixed(0)} ms</span>
          </p>
          <pre aria-label="Response" className="max-h-80 overflow-auto rounded-md bg-zinc-50 p-3 font-mono text-xs dark:bg-zinc-950">
            {typeof tryApi.data.body === 'string' ? tryApi.data.body : JSON.stringify(tryApi.data.body, null, 2)}
          </pre>
        </div>
      )}
      <Tabs<SnippetLanguage>
        label="Code snippets"
        value={language}
        onChange={setLanguage}
        tabs={[
          { id: 'curl', label: 'curl' },
          { id: 'javascript', label: 'JavaScript' },
          { id: 'python', label: 'Python' },
        ]}
      >
        <div className="relative">
          <pre aria-label={`${language} snippet`} className="overflow-x-auto rounded-md bg-zinc-900 p-3 font-mono text-xs text-zinc-100">
            {snippet(language, op, window.location.origin, values)}
          </pre>
          <Button size="sm" variant="secondary" className="absolute top-2 right-2" onClick={() => void navigator.clipboard?.writeText(snippet(language, op, window.location.origin, values))}>
            Copy
          </Button>
        </div>
      </Tabs>
    </div>
  );
}
