import { useQuery } from '@tanstack/react-query';
import type { MacroResponseDto } from '@/api/client';
import { toApiError } from '@/api/http';
import { DiffView } from '@/components/diff-view/diff-view';
import { TableSkeleton } from '@/components/ui/feedback';
import { VersionsPanel } from '@/components/versions/versions-panel';
import { macroDiffQueryOptions, macroVersionsQueryOptions, useMacroLifecycle } from '@/features/macros/api';

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

export function MacrosVersionsPanel({ macro, dirty, canWrite, saveDraft, onRestored }: MacrosVersionsPanelProps) {
  return (
    <VersionsPanel
      versions={useQuery(macroVersionsQueryOptions(macro.id))}
      lifecycle={useMacroLifecycle(macro.id)}
      published={macro.status === 'published'}
      publishedVersion={macro.publishedVersion}
      dirty={dirty}
      canWrite={canWrite}
      saveDraft={saveDraft}
      onRestored={onRestored}
      emptyText="No versions yet. APIs use the published version of a macro."
      renderDiff={(from, to) => <MacroDiff id={macro.id} from={from} to={to} />}
    />
  );
}
