import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import type { ClientCreatedResponseDto, ClientResponseDto } from '@/api/client';
import { toApiError } from '@/api/http';
import { Button } from '@/components/ui/button';
import { CheckboxList } from '@/components/ui/checkbox-list';
import { Dialog } from '@/components/ui/dialog';
import { CheckboxField, TextareaField, TextField } from '@/components/ui/field';
import { ApisPicker } from '@/features/apis/components/apis-picker';
import { useCreateClient, useUpdateClient } from '@/features/clients/api';
import { clientFormSchema, toClientBody } from '@/features/clients/schemas';
import { groupOptionsQueryOptions } from '@/features/groups/api';
import { useZodForm } from '@/hooks/use-zod-form';
import { toast } from '@/lib/toast';

export interface ClientsFormDialogProps {
  client: ClientResponseDto | null;
  onClose: () => void;
  /** After a create: the secret, to show once. */
  onCreated: (created: ClientCreatedResponseDto) => void;
}

export function ClientsFormDialog({ client, onClose, onCreated }: ClientsFormDialogProps) {
  const formId = useId();
  const groups = useQuery(groupOptionsQueryOptions());
  const create = useCreateClient();
  const update = useUpdateClient();
  const fail = (e: unknown) => {
    const error = toApiError(e);
    form.setServerErrors(error.details);
    toast.error(error.message);
  };
  const form = useZodForm(
    clientFormSchema,
    {
      name: client?.name ?? '',
      description: client?.description ?? '',
      isActive: client?.isActive ?? true,
      rateLimitPerMinute: client?.rateLimitPerMinute ?? '',
      maxConcurrent: client?.maxConcurrent ?? '',
      tokenTtlSeconds: client?.tokenTtlSeconds ?? '',
      allowedIps: (client?.allowedIps ?? []).join('\n'),
      groupIds: client?.groupIds ?? [],
      apiIds: client?.apiIds ?? [],
    },
    (values) => {
      const body = toClientBody(values);
      if (client) {
        update.mutate({ id: client.id, body }, { onSuccess: (saved) => (toast.success(`Client ${saved.name} updated`), onClose()), onError: fail });
      } else {
        create.mutate(body, { onSuccess: onCreated, onError: fail });
      }
    },
  );
  const { values, set, errors, submit } = form;
  return (
    <Dialog
      open
      size="lg"
      onClose={onClose}
      title={client ? `Edit ${client.name}` : 'New client'}
      description="An external application that obtains tokens with its client id and secret."
      footer={
        <>
          <Button variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" form={formId} loading={create.isPending || update.isPending}>
            {client ? 'Save changes' : 'Create client'}
          </Button>
        </>
      }
    >
      <form id={formId} noValidate onSubmit={submit} className="space-y-4">
        <TextField label="Name" value={values.name} onChange={(e) => set('name', e.target.value)} error={errors.name} autoFocus autoComplete="off" />
        <TextareaField label="Description" value={values.description} onChange={(e) => set('description', e.target.value)} error={errors.description} rows={2} />
        <div className="grid gap-4 sm:grid-cols-3">
          <TextField label="Rate limit (calls/min)" type="number" value={String(values.rateLimitPerMinute)} onChange={(e) => set('rateLimitPerMinute', e.target.value)} error={errors.rateLimitPerMinute} hint="Empty: no client limit" />
          <TextField label="Max concurrent calls" type="number" value={String(values.maxConcurrent)} onChange={(e) => set('maxConcurrent', e.target.value)} error={errors.maxConcurrent} hint="Empty: gateway default" />
          <TextField label="Token lifetime (s)" type="number" value={String(values.tokenTtlSeconds)} onChange={(e) => set('tokenTtlSeconds', e.target.value)} error={errors.tokenTtlSeconds} hint="Empty: server default" />
        </div>
        <TextareaField label="Allowed IP addresses" value={values.allowedIps} onChange={(e) => set('allowedIps', e.target.value)} error={errors.allowedIps} rows={2} placeholder={'10.0.0.0/8\n2001:db8::1'} hint="One address or CIDR range per line; empty allows any." />
        <CheckboxField label="Active" description="An inactive client gets no token and its tokens stop working." checked={values.isActive} onChange={(e) => set('isActive', e.target.checked)} />
        <CheckboxList legend="Groups" items={(groups.data ?? []).map((g) => ({ id: g.id, label: g.name, description: g.isActive ? undefined : 'inactive' }))} selected={values.groupIds} onChange={(ids) => set('groupIds', ids)} emptyText="No groups yet." />
        <ApisPicker legend="Direct APIs" selected={values.apiIds} onChange={(ids) => set('apiIds', ids)} />
      </form>
    </Dialog>
  );
}
