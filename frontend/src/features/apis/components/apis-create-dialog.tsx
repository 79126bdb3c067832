import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { z } from 'zod';
import { toApiError } from '@/api/http';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { SelectField, TextField } from '@/components/ui/field';
import { apiModuleOptionsQueryOptions } from '@/features/api-modules/api';
import { useCreateApi } from '@/features/apis/api';
import { httpMethods } from '@/features/apis/schemas';
import type { ApiDefinition } from '@/features/apis/types';
import { datasourceOptionsQueryOptions } from '@/features/datasources/api';
import { useZodForm } from '@/hooks/use-zod-form';
import { toast } from '@/lib/toast';

const schema = z.object({
  moduleId: z.string().min(1, 'Choose a module'),
  name: z.string().trim().min(1, 'Name is required').max(200),
  path: z.string().trim().min(1, 'Path is required').regex(/^\/?[A-Za-z0-9_\-./{}]+$/, 'Letters, digits, _ - . / and {name} segments'),
  method: z.enum(httpMethods),
  engine: z.enum(['sql', 'script']),
  datasourceId: z.string(),
});

const starters = { sql: 'SELECT 1 AS ok', script: 'return { data: [{ ok: 1 }] };' };

export function ApisCreateDialog({ defaultModuleId, onClose, onCreated }: { defaultModuleId?: string; onClose: () => void; onCreated: (api: ApiDefinition) => void }) {
  const formId = useId();
  const modules = useQuery(apiModuleOptionsQueryOptions());
  const datasources = useQuery(datasourceOptionsQueryOptions());
  const create = useCreateApi();
  const { values, set, errors, submit, setServerErrors } = useZodForm(
    schema,
    { moduleId: defaultModuleId ?? '', name: '', path: '', method: 'GET', engine: 'sql', datasourceId: '' },
    (v) =>
      create.mutate(
        { ...v, path: v.path.replace(/^\//, ''), datasourceId: v.datasourceId || null, content: starters[v.engine], accessType: 'private', readOnly: true },
        {
          onSuccess: onCreated,
          onError: (e) => {
            const error = toApiError(e);
            setServerErrors(error.details);
            toast.error(error.message);
          },
        },
      ),
  );
  return (
    <Dialog
      open
      onClose={onClose}
      title="New API"
      description="Choose where it lives and how it is called; write the query next."
      footer={
        <>
          <Button variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" form={formId} loading={create.isPending}>
            Create API
          </Button>
        </>
      }
    >
      <form id={formId} noValidate onSubmit={submit} className="space-y-4">
        <SelectField label="Module" value={values.moduleId} onChange={(e) => set('moduleId', e.target.value)} error={errors.moduleId} options={[{ value: '', label: 'Choose…' }, ...(modules.data ?? []).map((m) => ({ value: m.id, label: m.name }))]} />
        <TextField label="Name" value={values.name} onChange={(e) => set('name', e.target.value)} error={errors.name} autoComplete="off" />
        <div className="grid gap-4 sm:grid-cols-[7rem_1fr]">
          <SelectField label="Method" value={values.method} onChange={(e) => set('method', e.target.value as (typeof httpMethods)[number])} options={httpMethods.map((m) => ({ value: m, label: m }))} />
          <TextField label="Path" value={values.path} onChange={(e) => set('path', e.target.value)} error={errors.path} placeholder="sales/by-region/{region}" hint="Served at /api/<path>" />
        </div>
        <div className="grid gap-4 sm:grid-cols-2">
          <SelectField label="Engine" value={values.engine} onChange={(e) => set('engine', e.target.value as 'sql' | 'script')} options={[{ value: 'sql', label: 'SQL template' }, { value: 'script', label: 'JavaScript' }]} />
          <SelectField label="Data source" value={values.datasourceId} onChange={(e) => set('datasourceId', e.target.value)} error={errors.datasourceId} options={[{ value: '', label: 'None' }, ...(datasources.data ?? []).map((d) => ({ value: d.id, label: d.name }))]} />
        </div>
      </form>
    </Dialog>
  );
}
