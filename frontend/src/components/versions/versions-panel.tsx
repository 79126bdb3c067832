import type { UseMutationResult, UseQueryResult } from '@tanstack/react-query';
import { useState, type FormEvent, type ReactNode } from 'react';
import { toApiError } from '@/api/http';
import { tableClass, tdClass, thClass } from '@/components/data-table/table-styles';
import { Button } from '@/components/ui/button';
import { Badge, TableSkeleton } from '@/components/ui/feedback';
import { inputClass } from '@/components/ui/field';
import { toast } from '@/lib/toast';

export interface VersionRow {
  id: string;
  version: number;
  message: string;
  authorEmail?: string | null;
  createdAt: string;
  isPublished: boolean;
}

/** The four version mutations of a versioned resource (APIs and macros): see each feature's api.ts. */
export interface VersionLifecycle<T> {
  commit: UseMutationResult<{ version: number }, Error, string>;
  publish: UseMutationResult<unknown, Error, string>;
  unpublish: UseMutationResult<unknown, Error, void>;
  restore: UseMutationResult<T, Error, string>;
}

export interface VersionsPanelProps<T> {
  versions: UseQueryResult<VersionRow[]>;
  lifecycle: VersionLifecycle<T>;
  published: boolean;
  publishedVersion: number | null | undefined;
  dirty: boolean;
  canWrite: boolean;
  /** Saves the draft before a commit so the version holds what the editor shows. */
  saveDraft: () => Promise<unknown>;
  onRestored: (restored: T) => void;
  emptyText: string;
  renderDiff: (from: string, to: string | undefined) => ReactNode;
}

/** Commit, history, publish / roll back / unpublish, restore into the draft, and a diff of any two versions. */
export function VersionsPanel<T>({ versions, lifecycle, published, publishedVersion, dirty, canWrite, saveDraft, onRestored, emptyText, renderDiff }: VersionsPanelProps<T>) {
  const { commit, publish, unpublish, restore } = lifecycle;
  const [message, setMessage] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const fail = (e: unknown) => toast.error(toApiError(e).message);
  const older = (version: number) => !!publishedVersion && version < publishedVersion;

  const onCommit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      if (dirty) await saveDraft();
      const version = await commit.mutateAsync(message.trim() || 'Update');
      toast.success(`Committed v${version.version}`);
      setMessage('');
    } catch (e) {
      fail(e);
    }
  };
  const onPublish = (id: string, version: number) =>
    publish.mutate(id, { onSuccess: () => toast.success(older(version) ? `Rolled back to v${version}` : `Published v${version}`), onError: fail });
  const onRestore = (id: string, version: number) => restore.mutate(id, { onSuccess: (restored) => (toast.success(`v${version} restored into the draft`), onRestored(restored)), onError: fail });
  const versionOptions = versions.data?.map((v) => (
    <option key={v.id} value={v.id}>
      v{v.version}
    </option>
  ));

  return (
    <div className="space-y-6">
      {canWrite && (
        <form onSubmit={(e) => void onCommit(e)} className="flex flex-wrap items-end gap-2">
          <label className="min-w-64 flex-1 text-sm font-medium">
            Commit message
            <input className={inputClass} value={message} onChange={(e) => setMessage(e.target.value)} placeholder="What changed and why" />
          </label>
          <Button type="submit" loading={commit.isPending}>
            {dirty ? 'Save and commit' : 'Commit version'}
          </Button>
          {published && (
            <Button variant="secondary" loading={unpublish.isPending} onClick={() => unpublish.mutate(undefined, { onSuccess: () => toast.success('Unpublished'), onError: fail })}>
              Unpublish
            </Button>
          )}
        </form>
      )}
      {versions.isPending ? (
        <TableSkeleton rows={3} label="Loading versions" />
      ) : versions.isError ? (
        <p role="alert" className="text-sm text-red-600">{toApiError(versions.error).message}</p>
      ) : versions.data.length === 0 ? (
        <p className="text-sm text-zinc-500">{emptyText}</p>
      ) : (
        <table className={tableClass} aria-label="Versions">
          <thead>
            <tr>
              {['Version', 'Message', 'Author', 'Committed'].map((h) => (
                <th key={h} scope="col" className={thClass}>
                  {h}
                </th>
              ))}
              <th scope="col" className={thClass}>
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
            {versions.data.map((v) => (
              <tr key={v.id}>
                <td className={tdClass}>
                  v{v.version} {v.isPublished && <Badge tone="green">Published</Badge>}
                </td>
                <td className={tdClass}>{v.message}</td>
                <td className={`${tdClass} text-zinc-500`}>{v.authorEmail ?? '—'}</td>
                <td className={`${tdClass} text-xs text-zinc-500`}>{new Date(v.createdAt).toLocaleString()}</td>
                <td className={`${tdClass} text-right whitespace-nowrap`}>
                  {canWrite && !v.isPublished && (
                    <Button size="sm" variant="ghost" onClick={() => onPublish(v.id, v.version)} aria-label={`${older(v.version) ? 'Roll back to' : 'Publish'} v${v.version}`}>
                      {older(v.version) ? 'Roll back' : 'Publish'}
                    </Button>
                  )}
                  {canWrite && (
                    <Button size="sm" variant="ghost" onClick={() => onRestore(v.id, v.version)} aria-label={`Restore v${v.version} into the draft`}>
                      Restore
                    </Button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {versions.data && versions.data.length > 0 && (
        <section aria-labelledby="diff-title" className="space-y-3">
          <h3 id="diff-title" className="text-sm font-semibold">
            Compare
          </h3>
          <div className="flex flex-wrap items-end gap-2 text-sm">
            <label>
              From
              <select aria-label="Diff from" className={`${inputClass} w-36`} value={from} onChange={(e) => setFrom(e.target.value)}>
                <option value="">Choose…</option>
                {versionOptions}
              </select>
            </label>
            <label>
              To
              <select aria-label="Diff to" className={`${inputClass} w-36`} value={to} onChange={(e) => setTo(e.target.value)}>
                <option value="">Draft</option>
                {versionOptions}
              </select>
            </label>
          </div>
          {from && renderDiff(from, to || undefined)}
        </section>
      )}
    </div>
  );
}
