import { useQuery } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { toApiError } from '@/api/http';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { Card } from '@/components/ui/feedback';
import { Tabs } from '@/components/ui/tabs';
import { useDeleteApi } from '@/features/apis/api';
import { ApisCodePanels } from '@/features/apis/components/apis-code-panels';
import { ApisContentPanel } from '@/features/apis/components/apis-content-panel';
import { ApisEditorHeader } from '@/features/apis/components/apis-editor-header';
import { ApisParamTable } from '@/features/apis/components/apis-param-table';
import { ApisSettingsForm } from '@/features/apis/components/apis-settings-form';
import { ApisVersionsPanel } from '@/features/apis/components/apis-versions-panel';
import { pathParamNames } from '@/features/apis/lib/api-draft';
import { discoverVariables } from '@/features/apis/lib/template-variables';
import { useApiEditor } from '@/features/apis/lib/use-api-editor';
import type { ApiDefinition } from '@/features/apis/types';
import { meQueryOptions } from '@/features/auth/api';
import { can } from '@/lib/permissions';
import { toast } from '@/lib/toast';

type Tab = 'content' | 'params' | 'code' | 'settings' | 'versions';

/** The editor for one loaded resource; remounted (key) when another one is opened. */
export function ApisEditor({ api }: { api: ApiDefinition }) {
  const navigate = useNavigate();
  const { data: me } = useQuery(meQueryOptions());
  const editor = useApiEditor(api);
  const remove = useDeleteApi();
  const [tab, setTab] = useState<Tab>('content');
  const [deleting, setDeleting] = useState(false);
  const canWrite = can(me, 'api', 'update');
  const { draft } = editor;

  const save = () => editor.save().then(() => toast.success('Draft saved'), (e: unknown) => toast.error(toApiError(e).message));
  const confirmDelete = () =>
    remove.mutate(api.id, {
      onSuccess: () => {
        toast.success(`${api.name} deleted`);
        editor.discard();
        void navigate({ to: '/apis', ignoreBlocker: true });
      },
      onError: (e) => toast.error(toApiError(e).message),
    });

  return (
    <>
      <ApisEditorHeader api={api} dirty={editor.dirty} saving={editor.saving} canWrite={canWrite} canDelete={can(me, 'api', 'delete')} onSave={() => void save()} onDiscard={editor.discard} onDelete={() => setDeleting(true)} />
      <Card>
        <Tabs<Tab>
          label="API editor"
          value={tab}
          onChange={setTab}
          tabs={[
            { id: 'content', label: 'Content & test' },
            { id: 'params', label: `Parameters (${draft.params.length})` },
            { id: 'code', label: 'Validation & transform' },
            { id: 'settings', label: 'Settings' },
            { id: 'versions', label: 'Versions' },
          ]}
        >
          {tab === 'content' && <ApisContentPanel draft={draft} onChange={editor.patch} readOnly={!canWrite} canTest={can(me, 'api', 'execute')} warnings={editor.dirty ? [] : api.warnings} />}
          {tab === 'params' && (
            <ApisParamTable params={draft.params} onChange={(params) => editor.patch({ params })} discovered={discoverVariables(draft.content, draft.engine)} pathNames={pathParamNames(draft.path)} readOnly={!canWrite} />
          )}
          {tab === 'code' && <ApisCodePanels draft={draft} onChange={editor.patch} readOnly={!canWrite} />}
          {tab === 'settings' && <ApisSettingsForm draft={draft} onChange={editor.patch} published={api.status === 'published'} readOnly={!canWrite} />}
          {tab === 'versions' && <ApisVersionsPanel api={api} dirty={editor.dirty} canWrite={canWrite} saveDraft={editor.save} onRestored={editor.reset} />}
        </Tabs>
      </Card>
      <ConfirmDialog
        open={deleting}
        title="Delete API"
        message={`Delete ${api.name}? Its versions are deleted and callers get 404. This cannot be undone.`}
        confirmLabel="Delete API"
        pending={remove.isPending}
        onConfirm={confirmDelete}
        onClose={() => setDeleting(false)}
      />
    </>
  );
}
