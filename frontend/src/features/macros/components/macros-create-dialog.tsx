import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import type { MacroResponseDto } from '@/api/client';
import { toApiError } from '@/api/http';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { SelectField, TextareaField, TextField } from '@/components/ui/field';
import { apiModuleOptionsQueryOptions } from '@/features/api-modules/api';
import { useCreateMacro } from '@/features/macros/api';
import { macroCreateSchema } from '@/features/macros/schemas';
import { useZodForm } from '@/hooks/use-zod-form';
import { toast } from '@/lib/toast';

const starters = { sql: '{% macro active_only(alias) %}{{ alias | sql_ident }}.is_active = true{% endmacro %}', script: 'function cents(value) {\n  return Math.round(value * 100);\n}' };

export function MacrosCreateDialog({ onClose, onCreated }: { onClose: () => void; onCreated: (m: MacroResponseDto) => void }) {
  const formId = useId();
  const modules = useQuery(apiModuleOptionsQueryOptions());
  const create = useCreateMacro();
  const { values, set, errors, submit, setServerErrors } = useZodForm(macroCreateSchema, { name: '', kind: 'sql', moduleId: '', description: '' }, (v) =>
    create.mutate(
      { ...v, moduleId: v.moduleId || null, content: starters[v.kind] },
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
      title="New macro"
      description="Reusable SQL fragments or JavaScript functions, imported by name."
      footer={
        <>
          <Button variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" form={formId} loading={create.isPending}>
            Create macro
          </Button>
        </>
      }
    >
      <form id={formId} noValidate onSubmit={submit} className="space-y-4">
        <TextField label="Name" value={values.name} onChange={(e) => set('name', e.target.value)} error={errors.name} autoComplete="off" />
        <div className="grid gap-4 sm:grid-cols-2">
          <SelectField label="Kind" value={values.kind} onChange={(e) => set('kind', e.target.value as 'sql' | 'script')} options={[{ value: 'sql', label: 'SQL (Nunjucks macros)' }, { value: 'script', label: 'JavaScript' }]} />
          <SelectField label="Scope" value={values.moduleId} onChange={(e) => set('moduleId', e.target.value)} options={[{ value: '', label: 'Global (every module)' }, ...(modules.data ?? []).map((m) => ({ value: m.id, label: m.name }))]} />
        </div>
        <TextareaField label="Description" rows={2} value={values.description} onChange={(e) => set('description', e.target.value)} error={errors.description} />
      </form>
    </Dialog>
  );
}
