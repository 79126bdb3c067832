import { useQuery } from '@tanstack/react-query';
import { ApisEditor } from '@/features/apis/components/apis-editor';
import { apiDetailQueryOptions } from '@/features/apis/api';

export function ApisEditorPage({ apiId }: { apiId: string }) {
  const { data: api } = useQuery(apiDetailQueryOptions(apiId));
  return api ? <ApisEditor key={api.id} api={api} /> : null;
}
