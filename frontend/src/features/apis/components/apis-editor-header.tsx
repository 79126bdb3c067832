import { Link } from '@tanstack/react-router';
import { Button } from '@/components/ui/button';
import { Badge } from '@/components/ui/feedback';
import type { ApiDefinition } from '@/features/apis/types';

export interface ApisEditorHeaderProps {
  api: ApiDefinition;
  dirty: boolean;
  saving: boolean;
  canWrite: boolean;
  canDelete: boolean;
  onSave: () => void;
  onDiscard: () => void;
  onDelete: () => void;
}

export function ApisEditorHeader({ api, dirty, saving, canWrite, canDelete, onSave, onDiscard, onDelete }: ApisEditorHeaderProps) {
  return (
    <div className="mb-6 flex flex-wrap items-end justify-between gap-4">
      <div>
        <Link to="/apis" className="text-sm text-zinc-500 hover:underline">
          ← APIs
        </Link>
        <h1 className="mt-1 flex items-center gap-2 text-xl font-semibold tracking-tight">
          {api.name}
          {api.status === 'published' ? <Badge tone="green">Published v{api.publishedVersion}</Badge> : <Badge>Draft</Badge>}
          {dirty && <Badge tone="amber">Unsaved changes</Badge>}
        </h1>
        <p className="mt-1 font-mono text-sm text-zinc-500">
          {api.method} /api/{api.path.replace(/^\//, '')}
        </p>
      </div>
      <div className="flex gap-2">
        {canDelete && (
          <Button variant="ghost" className="text-red-600 dark:text-red-400" onClick={onDelete}>
            Delete
          </Button>
        )}
        {canWrite && dirty && (
          <Button variant="secondary" onClick={onDiscard}>
            Discard
          </Button>
        )}
        {canWrite && (
          <Button onClick={onSave} loading={saving} disabled={!dirty}>
            Save draft
          </Button>
        )}
      </div>
    </div>
  );
}
