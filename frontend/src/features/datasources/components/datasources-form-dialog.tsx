import { useId } from 'react';
import { toApiError } from '@/api/http';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { useSaveDatasource, useTestDatasource } from '@/features/datasources/api';
import { DatasourcesForm } from '@/features/datasources/components/datasources-form';
import { DatasourcesTestResult } from '@/features/datasources/components/datasources-test-result';
import { toFormValues, toInput } from '@/features/datasources/form-values';
import { datasourceFormSchema } from '@/features/datasources/schemas';
import type { Datasource } from '@/features/datasources/types';
import { useZodForm } from '@/hooks/use-zod-form';
import { toast } from '@/lib/toast';

export interface DatasourcesFormDialogProps {
  datasource: Datasource | null;
  open: boolean;
  onClose: () => void;
}

export function DatasourcesFormDialog({ datasource, open, onClose }: DatasourcesFormDialogProps) {
  const formId = useId();
  const save = useSaveDatasource();
  const test = useTestDatasource();
  const form = useZodForm(datasourceFormSchema, toFormValues(datasource), (values) =>
    save.mutate(
      { id: datasource?.id, body: toInput(values, datasource) },
      {
        onSuccess: (saved) => {
          toast.success(`Data source ${saved.name} ${datasource ? 'updated' : 'created'}`);
          onClose();
        },
        onError: (e) => {
          const error = toApiError(e);
          form.setServerErrors(error.details);
          toast.error(error.message);
        },
      },
    ),
  );

  const runTest = () => {
    const parsed = datasourceFormSchema.safeParse(form.values);
    if (!parsed.success) {
      toast.error('Fix the highlighted fields before testing.');
      return;
    }
    test.mutate({ settings: { ...toInput(parsed.data, datasource), id: datasource?.id } }, { onError: (e) => toast.error(toApiError(e).message) });
  };

  return (
    <Dialog
      open={open}
      onClose={onClose}
      size="lg"
      title={datasource ? `Edit ${datasource.name}` : 'New data source'}
      description="A database your APIs run against. The password is stored encrypted and never shown again."
      footer={
        <>
          <Button variant="secondary" onClick={runTest} loading={test.isPending} className="mr-auto">
            Test connection
          </Button>
          <Button variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" form={formId} loading={save.isPending}>
            {datasource ? 'Save changes' : 'Create data source'}
          </Button>
        </>
      }
    >
      <div className="space-y-4">
        <DatasourcesForm id={formId} form={form} hasStoredPassword={!!datasource?.hasPassword} />
        {test.data && <DatasourcesTestResult result={test.data} />}
      </div>
    </Dialog>
  );
}
