import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { ClientResponseDto } from '@/api/client';
import { toApiError } from '@/api/http';
import { TablePagination } from '@/components/data-table/table-pagination';
import { panelClass } from '@/components/data-table/table-styles';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { PageHeader } from '@/components/ui/feedback';
import { ListStatus } from '@/components/data-table/list-status';
import { inputClass } from '@/components/ui/field';
import { meQueryOptions } from '@/features/auth/api';
import { clientsListQueryOptions, useDeleteClient, useRotateClientSecret, type ClientsListParams } from '@/features/clients/api';
import { ClientsApisDialog } from '@/features/clients/components/clients-apis-dialog';
import { ClientsFormDialog } from '@/features/clients/components/clients-form-dialog';
import { ClientsSecretDialog } from '@/features/clients/components/clients-secret-dialog';
import { ClientsTable } from '@/features/clients/components/clients-table';
import { can } from '@/lib/permissions';
import { toast } from '@/lib/toast';

export interface ClientsPageProps {
  params: ClientsListParams;
  onParamsChange: (next: Partial<ClientsListParams>) => void;
}

export function ClientsPage({ params, onParamsChange }: ClientsPageProps) {
  const { data: me } = useQuery(meQueryOptions());
  const list = useQuery(clientsListQueryOptions(params));
  const remove = useDeleteClient();
  const rotate = useRotateClientSecret();
  const [editing, setEditing] = useState<ClientResponseDto | null | undefined>(undefined);
  const [secret, setSecret] = useState<{ clientId: string; clientSecret: string } | null>(null);
  const [showingApis, setShowingApis] = useState<ClientResponseDto | null>(null);
  const [rotating, setRotating] = useState<ClientResponseDto | null>(null);
  const [deleting, setDeleting] = useState<ClientResponseDto | null>(null);

  const onSearch = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    onParamsChange({ q: String(new FormData(event.currentTarget).get('q') ?? '').trim() || undefined, page: 1 });
  };
  const confirmRotate = () =>
    rotating &&
    rotate.mutate(
      { id: rotating.id },
      {
        onSuccess: (answer) => {
          setRotating(null);
          setSecret(answer);
        },
        onError: (e) => toast.error(toApiError(e).message),
      },
    );
  const confirmDelete = () =>
    deleting &&
    remove.mutate(deleting.id, {
      onSuccess: () => {
        toast.success(`${deleting.name} deleted`);
        setDeleting(null);
      },
      onError: (e) => toast.error(toApiError(e).message),
    });

  return (
    <>
      <PageHeader title="Clients" description="Applications that call published APIs with their own credentials." actions={can(me, 'client', 'create') && <Button onClick={() => setEditing(null)}>New client</Button>} />
      <div className={panelClass}>
        <form role="search" onSubmit={onSearch} className="flex gap-2 border-b border-zinc-200 p-3 dark:border-zinc-800">
          <input aria-label="Search clients" name="q" type="search" defaultValue={params.q ?? ''} placeholder="Name or client id" className={`${inputClass} max-w-xs`} />
          <Button type="submit" variant="secondary">
            Search
          </Button>
        </form>
        <ListStatus query={list} noun="clients" filtered={!!params.q} emptyHint="Create a client to let an application call private APIs.">
          {(data) => (
            <>
              <ClientsTable
                clients={data.items}
                canUpdate={can(me, 'client', 'update')}
                canDelete={can(me, 'client', 'delete')}
                onEdit={setEditing}
                onShowApis={setShowingApis}
                onRotate={setRotating}
                onDelete={setDeleting}
              />
              <TablePagination page={params.page} pageSize={params.pageSize} total={data.total} onPageChange={(page) => onParamsChange({ page })} />
            </>
          )}
        </ListStatus>
      </div>
      {editing !== undefined && (
        <ClientsFormDialog
          key={editing?.id ?? 'new'}
          client={editing}
          onClose={() => setEditing(undefined)}
          onCreated={(created) => {
            toast.success(`Client ${created.name} created`);
            setEditing(undefined);
            setSecret(created);
          }}
        />
      )}
      {secret && <ClientsSecretDialog clientId={secret.clientId} clientSecret={secret.clientSecret} onClose={() => setSecret(null)} />}
      {showingApis && <ClientsApisDialog client={showingApis} onClose={() => setShowingApis(null)} />}
      <ConfirmDialog
        open={!!rotating}
        title="Rotate secret"
        message={`Issue a new secret for ${rotating?.name ?? ''}? The current secret and the tokens issued with it stop working at once.`}
        confirmLabel="Rotate secret"
        pending={rotate.isPending}
        onConfirm={confirmRotate}
        onClose={() => setRotating(null)}
      />
      <ConfirmDialog
        open={!!deleting}
        title="Delete client"
        message={`Delete ${deleting?.name ?? ''}? Its tokens stop working. This cannot be undone.`}
        confirmLabel="Delete client"
        pending={remove.isPending}
        onConfirm={confirmDelete}
        onClose={() => setDeleting(null)}
      />
    </>
  );
}
