import { useId } from 'react';
import type { GroupResponseDto } from '@/api/client';
import { toApiError } from '@/api/http';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { CheckboxField, TextareaField, TextField } from '@/components/ui/field';
import { ApisPicker } from '@/features/apis/components/apis-picker';
import { useSaveGroup } from '@/features/groups/api';
import { groupFormSchema } from '@/features/groups/schemas';
import { useZodForm } from '@/hooks/use-zod-form';
import { toast } from '@/lib/toast';

export function GroupsFormDialog({ group, onClose }: { group: GroupResponseDto | null; onClose: () => void }) {
  const formId = useId();
  const save = useSaveGroup();
  const { values, set, errors, submit, setServerErrors } = useZodForm(
    groupFormSchema,
    { name: group?.name ?? '', description: group?.description ?? '', isActive: group?.isActive ?? true, apiIds: group?.apiIds ?? [] },
    (body) =>
      save.mutate(
        { id: group?.id, body },
        {
          onSuccess: (saved) => {
            toast.success(`Group ${saved.name} ${group ? 'updated' : 'created'}`);
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
      size="lg"
      onClose={onClose}
      title={group ? `Edit ${group.name}` : 'New group'}
      description="Clients in a group may call the group's private APIs."
      footer={
        <>
          <Button variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" form={formId} loading={save.isPending}>
            {group ? 'Save changes' : 'Create group'}
          </Button>
        </>
      }
    >
      <form id={formId} noValidate onSubmit={submit} className="space-y-4">
        <TextField label="Name" value={values.name} onChange={(e) => set('name', e.target.value)} error={errors.name} autoFocus autoComplete="off" />
        <TextareaField label="Description" value={values.description} onChange={(e) => set('description', e.target.value)} error={errors.description} rows={2} />
        <CheckboxField label="Active" description="An inactive group grants nothing." checked={values.isActive} onChange={(e) => set('isActive', e.target.checked)} />
        <ApisPicker selected={values.apiIds} onChange={(ids) => set('apiIds', ids)} />
      </form>
    </Dialog>
  );
}
