import { useId } from 'react';
import { toApiError } from '@/api/http';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { CheckboxField, TextareaField, TextField } from '@/components/ui/field';
import { useSaveApiModule } from '@/features/api-modules/api';
import { apiModuleFormSchema } from '@/features/api-modules/schemas';
import type { ApiModule } from '@/features/api-modules/types';
import { useZodForm } from '@/hooks/use-zod-form';
import { toast } from '@/lib/toast';

export function ApiModulesFormDialog({ module, onClose }: { module: ApiModule | null; onClose: () => void }) {
  const formId = useId();
  const save = useSaveApiModule();
  const { values, set, errors, submit, setServerErrors } = useZodForm(
    apiModuleFormSchema,
    { name: module?.name ?? '', description: module?.description ?? '', sortOrder: module?.sortOrder ?? 0, isActive: module?.isActive ?? true },
    (body) =>
      save.mutate(
        { id: module?.id, body },
        {
          onSuccess: (saved) => {
            toast.success(`Module ${saved.name} ${module ? 'updated' : 'created'}`);
            onClose();
          },
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
      title={module ? `Edit ${module.name}` : 'New module'}
      description="Modules group related APIs."
      footer={
        <>
          <Button variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" form={formId} loading={save.isPending}>
            {module ? 'Save changes' : 'Create module'}
          </Button>
        </>
      }
    >
      <form id={formId} noValidate onSubmit={submit} className="space-y-4">
        <div className="grid gap-4 sm:grid-cols-[1fr_8rem]">
          <TextField label="Name" value={values.name} onChange={(e) => set('name', e.target.value)} error={errors.name} autoFocus autoComplete="off" />
          <TextField label="Sort order" type="number" value={String(values.sortOrder)} onChange={(e) => set('sortOrder', e.target.value)} error={errors.sortOrder} />
        </div>
        <TextareaField label="Description" value={values.description} onChange={(e) => set('description', e.target.value)} error={errors.description} rows={2} />
        <CheckboxField label="Active" description="APIs of an inactive module are not served." checked={values.isActive} onChange={(e) => set('isActive', e.target.checked)} />
      </form>
    </Dialog>
  );
}
