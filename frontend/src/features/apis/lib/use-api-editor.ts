import { useBlocker } from '@tanstack/react-router';
import { useState } from 'react';
import { useUpdateApi } from '@/features/apis/api';
import { sameDraft, toDraft, toUpdateBody, type ApiDraft } from '@/features/apis/lib/api-draft';
import type { ApiDefinition } from '@/features/apis/types';

/** Editor state of one API: the local draft, whether it differs from the saved one, save, and a leave guard. */
export function useApiEditor(api: ApiDefinition) {
  const [saved, setSaved] = useState<ApiDraft>(() => toDraft(api));
  const [draft, setDraft] = useState<ApiDraft>(saved);
  const update = useUpdateApi(api.id);
  const dirty = !sameDraft(draft, saved);

  useBlocker({
    shouldBlockFn: () => !window.confirm('You have unsaved changes. Leave and discard them?'),
    enableBeforeUnload: () => dirty,
    disabled: !dirty,
  });

  const patch = (next: Partial<ApiDraft>) => setDraft((d) => ({ ...d, ...next }));
  const reset = (from: ApiDefinition) => {
    const next = toDraft(from);
    setSaved(next);
    setDraft(next);
  };
  const save = async () => {
    const result = await update.mutateAsync(toUpdateBody(draft));
    reset(result);
    return result;
  };
  return { draft, patch, dirty, save, saving: update.isPending, reset, discard: () => setDraft(saved) };
}
