import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { MacroResponseDto } from '@/api/client';
import { toApiError } from '@/api/http';
import { tableClass, tdClass, thClass } from '@/components/data-table/table-styles';
import { DiffView } from '@/components/diff-view/diff-view';
import { Button } from '@/components/ui/button';
import { Badge, TableSkeleton } from '@/components/ui/feedback';
import { inputClass } from '@/components/ui/field';
import { macroDiffQueryOptions, macroVersionsQueryOptions, useMacroLifecycle } from '@/features/macros/api';
import { toast } from '@/lib/toast';

function MacroDiff({ id, from, to }: { id: string; from: string; to?: string }) {
  const diff = useQuery(macroDiffQueryOptions(id, from, to));
  if (diff.isPending) return <TableSkeleton rows={2} label="Loading diff" />;
  if (diff.isError) return <p role="alert" className="text-sm text-red-600">{toApiError(diff.error).message}</p>;
  const text = (v: unknown) => (v === null || v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v, null, 2));
  return <DiffView leftLabel={diff.data.from.label} rightLabel={diff.data.to.label} sections={diff.data.changes.map((c) => ({ title: c.field, before: text(c.from), after: text(c.to) }))} />;
}

export interface MacrosVersionsPanelProps {
  macro: MacroResponseDto;
  dirty: boolean;
  canWrite: boolean;
  saveDraft: () => Promise<unknown>;
  onRestored: (macro: MacroResponseDto) => void;
}

/** Commit, publish / roll back / unpublish, restore and diff, as for APIs. */
export function MacrosVersionsPanel({ macro, dirty, canWrite, saveDraft, onRestored }: MacrosVersionsPanelProps) {
  const versions = useQuery(macroVersionsQueryOptions(macro.id));
  const { commit, publish, unpublish, restore } = useMacroLifecycle(macro.id);
  const [message, setMessage] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const fail = (e: unknown) => toast.error(toApiError(e).message);
  const onCommit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      if (dirty) await saveDraft();
      const v = await commit.mutateAsync(message.trim() || 'Update');
      toast.success(`Committed v${v.version}`);
      setMessage('');
    } catch (e) {
      fail(e);
    }
  };
  const older = (version: number) => macro.publishedVersion !== null && version < macro.publishedVersion;
  return (
    <div className="space-y-6">
      {canWrite && (
        <form onSubmit={(e) => void onCommit(e)} className="flex flex-wrap items-end gap-2">
          <label className="min-w-64 flex-1 text-sm font-medium">
            Commit message
            <input className={inputClass} value={message} onChange={(e) => setMessage(e.target.value)} />
          </label>
          <Button type="submit" loading={commit.isPending}>
            {dirty ? 'Save and commit' : 'Commit version'}
          </Button>
          {macro.status === 'published' && (
            <Button variant="secondary" onClick={() => unpublish.mutate(undefined, { onSuccess: () => toast.success('Unpublished'), onError: fail })}>
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
        <p className="text-sm text-zinc-500">No versions yet. APIs use the published version of a macro.</p>
      ) : (
        <>
          <table className={tableClass} aria-label="Versions">
            <thead>
              <tr>
                {['Version', 'Message', 'Author', 'Committed', ''].map((h) => (
                  <th key={h} scope="col" className={thClass}>
                    {h}
                  </th>
                ))}
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
                      <Button size="sm" variant="ghost" onClick={() => publish.mutate(v.id, { onSuccess: () => toast.success(older(v.version) ? `Rolled back to v${v.version}` : `Published v${v.version}`), onError: fail })}>
                        {older(v.version) ? 'Roll back' : 'Publish'}
                      </Button>
                    )}
                    {canWrite && (
                      <Button size="sm" variant="ghost" onClick={() => restore.mutate(v.id, { onSuccess: (m) => (toast.success(`v${v.version} restored into the draft`), onRestored(m)), onError: fail })}>
                        Restore
                      </Button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="flex flex-wrap items-end gap-2 text-sm">
            <label>
              From
              <select aria-label="Diff from" className={`${inputClass} w-36`} value={from} onChange={(e) => setFrom(e.target.value)}>
                <option value="">Choose…</option>
                {versions.data.map((v) => (
                  <option key={v.id} value={v.id}>
                    v{v.version}
                  </option>
                ))}
              </select>
            </label>
            <label>
              To
              <select aria-label="Diff to" className={`${inputClass} w-36`} value={to} onChange={(e) => setTo(e.target.value)}>
                <option value="">Draft</option>
                {versions.data.map((v) => (
                  <option key={v.id} value={v.id}>
                    v{v.version}
                  </option>
                ))}
              </select>
            </label>
          </div>
          {from && <MacroDiff id={macro.id} from={from} to={to || undefined} />}
        </>
      )}
    </div>
  );
}
