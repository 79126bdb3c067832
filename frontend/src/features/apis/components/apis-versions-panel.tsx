import { useQuery } from '@tanstack/react-query';
import { VersionsPanel } from '@/components/versions/versions-panel';
import { apiVersionsQueryOptions, useApiLifecycle } from '@/features/apis/api';
import { ApisVersionDiff } from '@/features/apis/components/apis-version-diff';
import type { ApiDefinition } from '@/features/apis/types';

export interface ApisVersionsPanelProps {
  api: ApiDefinition;
  dirty: boolean;
  canWrite: boolean;
  /** Saves the draft before a commit so the version holds what the editor shows. */
  saveDraft: () => Promise<unknown>;
  onRestored: (api: ApiDefinition) => void;
}

export function ApisVersionsPanel({ api, dirty, canWrite, saveDraft, onRestored }: ApisVersionsPanelProps) {
  return (
    <VersionsPanel
      versions={useQuery(apiVersionsQueryOptions(api.id))}
      lifecycle={useApiLifecycle(api.id)}
      published={api.status === 'published'}
      publishedVersion={api.publishedVersion}
      dirty={dirty}
      canWrite={canWrite}
      saveDraft={saveDraft}
      onRestored={onRestored}
      emptyText="No versions yet. Commit the draft to create v1; only a committed version can be published."
      renderDiff={(from, to) => <ApisVersionDiff apiId={api.id} from={from} to={to} />}
    />
  );
}
