import { useQuery } from '@tanstack/react-query';
import { MacrosEditor } from '@/features/macros/components/macros-editor';
import { macroDetailQueryOptions } from '@/features/macros/api';

export function MacrosEditorPage({ macroId }: { macroId: string }) {
  const { data: macro } = useQuery(macroDetailQueryOptions(macroId));
  return macro ? <MacrosEditor key={macro.id} macro={macro} /> : null;
}
