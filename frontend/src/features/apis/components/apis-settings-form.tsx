import { useQuery } from '@tanstack/react-query';
import { CheckboxList } from '@/components/ui/checkbox-list';
import { CheckboxField, SelectField, TextareaField, TextField } from '@/components/ui/field';
import { apiModuleOptionsQueryOptions } from '@/features/api-modules/api';
import type { ApiDraft } from '@/features/apis/lib/api-draft';
import { httpMethods } from '@/features/apis/schemas';
import { datasourceOptionsQueryOptions } from '@/features/datasources/api';
import { groupOptionsQueryOptions } from '@/features/groups/api';

export interface ApisSettingsFormProps {
  draft: ApiDraft;
  onChange: (patch: Partial<ApiDraft>) => void;
  published: boolean;
  readOnly: boolean;
}

const numberOrNull = (text: string) => (text.trim() === '' || !Number.isFinite(Number(text)) ? null : Number(text));

/** Route, data source, access, limits, caching, groups and CORS of an API. */
export function ApisSettingsForm({ draft, onChange, published, readOnly }: ApisSettingsFormProps) {
  const modules = useQuery(apiModuleOptionsQueryOptions());
  const datasources = useQuery(datasourceOptionsQueryOptions());
  const groups = useQuery(groupOptionsQueryOptions());
  return (
    <fieldset disabled={readOnly} className="space-y-5">
      <legend className="sr-only">Settings</legend>
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField label="Name" value={draft.name} onChange={(e) => onChange({ name: e.target.value })} />
        <SelectField label="Module" value={draft.moduleId} onChange={(e) => onChange({ moduleId: e.target.value })} options={(modules.data ?? []).map((m) => ({ value: m.id, label: m.name }))} />
      </div>
      <div className="grid gap-4 sm:grid-cols-[7rem_1fr]">
        <SelectField label="Method" value={draft.method} disabled={published} onChange={(e) => onChange({ method: e.target.value as ApiDraft['method'] })} options={httpMethods.map((m) => ({ value: m, label: m }))} />
        <TextField label="Path" value={draft.path} disabled={published} onChange={(e) => onChange({ path: e.target.value })} hint={published ? 'Unpublish to change the route.' : 'Served at /api/<path>; {name} captures a segment.'} />
      </div>
      <div className="grid gap-4 sm:grid-cols-3">
        <SelectField label="Data source" value={draft.datasourceId ?? ''} onChange={(e) => onChange({ datasourceId: e.target.value || null })} options={[{ value: '', label: 'None' }, ...(datasources.data ?? []).map((d) => ({ value: d.id, label: d.name }))]} />
        <SelectField label="Access" value={draft.accessType} onChange={(e) => onChange({ accessType: e.target.value as ApiDraft['accessType'] })} options={[{ value: 'private', label: 'Private (token required)' }, { value: 'public', label: 'Public (no token)' }]} />
        <div className="flex items-end pb-2">
          <CheckboxField label="Read-only" description="Runs in a read-only transaction" checked={draft.readOnly} onChange={(e) => onChange({ readOnly: e.target.checked })} />
        </div>
      </div>
      <div className="grid gap-4 sm:grid-cols-4">
        <TextField label="Rate limit (calls/min)" type="number" value={draft.rateLimitPerMinute ?? ''} onChange={(e) => onChange({ rateLimitPerMinute: numberOrNull(e.target.value) })} hint="Empty: none" />
        <TextField label="Timeout (ms)" type="number" value={draft.timeoutMs ?? ''} onChange={(e) => onChange({ timeoutMs: numberOrNull(e.target.value) })} hint="Empty: data source default" />
        <TextField label="Row cap" type="number" value={draft.maxRows ?? ''} onChange={(e) => onChange({ maxRows: numberOrNull(e.target.value) })} hint="Empty: server default" />
        <TextField label="Cache TTL (s)" type="number" value={draft.cacheTtlSeconds ?? ''} onChange={(e) => onChange({ cacheTtlSeconds: numberOrNull(e.target.value) })} hint="Empty: no caching" />
      </div>
      <TextareaField
        label="CORS origins"
        rows={2}
        value={draft.corsOrigins.join('\n')}
        onChange={(e) => onChange({ corsOrigins: e.target.value.split(/\s+/).filter(Boolean) })}
        placeholder="https://app.example.com"
        hint="One origin per line; empty sends no CORS headers."
      />
      <CheckboxList legend="Groups" items={(groups.data ?? []).map((g) => ({ id: g.id, label: g.name }))} selected={draft.groupIds} onChange={(ids) => onChange({ groupIds: ids })} emptyText="No groups yet." />
      <TextareaField label="Description" rows={2} value={draft.description} onChange={(e) => onChange({ description: e.target.value })} hint="Shown in the published API catalogue." />
    </fieldset>
  );
}
