import { useQuery } from '@tanstack/react-query';
import { Link, useBlocker } from '@tanstack/react-router';
import { useState } from 'react';
import type { MacroResponseDto } from '@/api/client';
import { toApiError } from '@/api/http';
import { CodeEditor } from '@/components/code-editor/code-editor';
import { Button } from '@/components/ui/button';
import { Badge, Card } from '@/components/ui/feedback';
import { TextareaField } from '@/components/ui/field';
import { meQueryOptions } from '@/features/auth/api';
import { useUpdateMacro } from '@/features/macros/api';
import { MacrosUsedBy } from '@/features/macros/components/macros-used-by';
import { MacrosVersionsPanel } from '@/features/macros/components/macros-versions-panel';
import { can } from '@/lib/permissions';
import { toast } from '@/lib/toast';

/** The editor for one loaded resource; remounted (key) when another one is opened. */
export function MacrosEditor({ macro }: { macro: MacroResponseDto }) {
  const { data: me } = useQuery(meQueryOptions());
  const update = useUpdateMacro(macro.id);
  const [saved, setSaved] = useState({ content: macro.content, description: macro.description });
  const [draft, setDraft] = useState(saved);
  const dirty = draft.content !== saved.content || draft.description !== saved.description;
  const canWrite = can(me, 'macro', 'update');
  useBlocker({ shouldBlockFn: () => !window.confirm('You have unsaved changes. Leave and discard them?'), enableBeforeUnload: () => dirty, disabled: !dirty });

  const reset = (m: MacroResponseDto) => {
    const next = { content: m.content, description: m.description };
    setSaved(next);
    setDraft(next);
  };
  const save = async () => {
    const result = await update.mutateAsync(draft);
    reset(result);
    return result;
  };
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <Link to="/macros" className="text-sm text-zinc-500 hover:underline">
            ← Macros
          </Link>
          <h1 className="mt-1 flex items-center gap-2 font-mono text-xl font-semibold">
            {macro.name}
            {macro.status === 'published' ? <Badge tone="green">Published v{macro.publishedVersion}</Badge> : <Badge>Draft</Badge>}
            {dirty && <Badge tone="amber">Unsaved changes</Badge>}
          </h1>
        </div>
        {canWrite && (
          <Button disabled={!dirty} loading={update.isPending} onClick={() => void save().then(() => toast.success('Draft saved'), (e: unknown) => toast.error(toApiError(e).message))}>
            Save draft
          </Button>
        )}
      </div>
      <Card title="Definition">
        <div className="space-y-4">
          <CodeEditor label="Macro code" language={macro.kind === 'sql' ? 'sql' : 'javascript'} value={draft.content} readOnly={!canWrite} minHeight="10rem" onChange={(content) => setDraft((d) => ({ ...d, content }))} />
          <TextareaField label="Description" rows={2} value={draft.description} disabled={!canWrite} onChange={(e) => setDraft((d) => ({ ...d, description: e.target.value }))} />
        </div>
      </Card>
      <Card title="Versions">
        <MacrosVersionsPanel macro={macro} dirty={dirty} canWrite={canWrite} saveDraft={save} onRestored={reset} />
      </Card>
      <Card title="Used by">
        <MacrosUsedBy macroId={macro.id} />
      </Card>
    </div>
  );
}
