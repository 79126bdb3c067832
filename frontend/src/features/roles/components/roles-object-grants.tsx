import { useState } from 'react';
import type { PermissionResponseDto } from '@/api/client';
import { toApiError } from '@/api/http';
import { Button } from '@/components/ui/button';
import { CheckboxField, inputClass } from '@/components/ui/field';
import { useCreatePermission } from '@/features/permissions/api';
import { useResourceNames } from '@/features/roles/lib/use-resource-names';
import { objectGrantSchema, type ObjectGrantValues } from '@/features/roles/schemas';
import { permissionActions, resourceTypeLabels, resourceTypes } from '@/lib/permissions';
import { toast } from '@/lib/toast';

export interface RolesObjectGrantsProps {
  permissions: PermissionResponseDto[];
  value: string[];
  onChange: (permissionIds: string[]) => void;
}

/** Permissions on one object (resourceId set): pick existing ones or create a new grant. */
export function RolesObjectGrants({ permissions, value, onChange }: RolesObjectGrantsProps) {
  const scoped = permissions.filter((p) => p.resourceId);
  const createPermission = useCreatePermission();
  const [draft, setDraft] = useState<ObjectGrantValues>({ resourceType: 'api', action: 'read', resourceId: '' });
  const [error, setError] = useState<string | null>(null);
  const names = useResourceNames([...new Set([draft.resourceType, ...scoped.map((p) => p.resourceType as ObjectGrantValues['resourceType'])])]);
  const choices = names.options(draft.resourceType);

  const toggle = (id: string, on: boolean) => onChange(on ? [...value, id] : value.filter((v) => v !== id));
  const add = () => {
    const parsed = objectGrantSchema.safeParse(draft);
    if (!parsed.success) return setError(parsed.error.issues[0]?.message ?? 'Invalid grant');
    setError(null);
    const existing = scoped.find((p) => p.resourceType === draft.resourceType && p.action === draft.action && p.resourceId === parsed.data.resourceId);
    if (existing) return toggle(existing.id, true);
    createPermission.mutate(parsed.data, {
      onSuccess: (created) => {
        onChange([...value, created.id]);
        setDraft((d) => ({ ...d, resourceId: '' }));
      },
      onError: (e) => toast.error(toApiError(e).message),
    });
  };

  return (
    <div className="space-y-3">
      {scoped.length === 0 ? (
        <p className="text-sm text-zinc-500">No object-level grants yet.</p>
      ) : (
        <div className="grid gap-2 sm:grid-cols-2">
          {scoped.map((p) => (
            <CheckboxField key={p.id} label={`${p.resourceType}:${p.action}`} description={`on ${names.label(p.resourceType as ObjectGrantValues['resourceType'], p.resourceId!)}`} checked={value.includes(p.id)} onChange={(e) => toggle(p.id, e.target.checked)} />
          ))}
        </div>
      )}
      <div className="flex flex-wrap items-end gap-2">
        <label className="text-xs font-medium">
          Resource type
          <select className={`${inputClass} mt-1 w-40`} value={draft.resourceType} onChange={(e) => setDraft({ ...draft, resourceType: e.target.value as ObjectGrantValues['resourceType'], resourceId: '' })}>
            {resourceTypes.map((t) => (
              <option key={t} value={t}>
                {resourceTypeLabels[t]}
              </option>
            ))}
          </select>
        </label>
        <label className="text-xs font-medium">
          Action
          <select className={`${inputClass} mt-1 w-28`} value={draft.action} onChange={(e) => setDraft({ ...draft, action: e.target.value as ObjectGrantValues['action'] })}>
            {permissionActions.map((a) => (
              <option key={a}>{a}</option>
            ))}
          </select>
        </label>
        {choices ? (
          <label className="flex-1 text-xs font-medium">
            Resource
            <select className={`${inputClass} mt-1`} value={draft.resourceId} onChange={(e) => setDraft({ ...draft, resourceId: e.target.value })} aria-invalid={error ? true : undefined}>
              <option value="">Choose…</option>
              {choices.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.label}
                </option>
              ))}
            </select>
          </label>
        ) : (
          <label className="flex-1 text-xs font-medium">
            Resource id
            <input className={`${inputClass} mt-1`} value={draft.resourceId} onChange={(e) => setDraft({ ...draft, resourceId: e.target.value })} aria-invalid={error ? true : undefined} />
          </label>
        )}
        <Button variant="secondary" onClick={add} loading={createPermission.isPending}>
          Add grant
        </Button>
      </div>
      {error && <p className="text-xs text-red-600">{error}</p>}
    </div>
  );
}
