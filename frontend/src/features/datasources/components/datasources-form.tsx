import type { useZodForm } from '@/hooks/use-zod-form';
import { CheckboxField, SelectField, TextareaField, TextField } from '@/components/ui/field';
import { datasourceTypeLabels, datasourceTypes, defaultPorts, sslModes, type datasourceFormSchema } from '@/features/datasources/schemas';

export interface DatasourcesFormProps {
  id: string;
  form: ReturnType<typeof useZodForm<typeof datasourceFormSchema>>;
  hasStoredPassword: boolean;
}

/** Connection settings with the chosen type's options; the dialog owns the buttons (form={id}). */
export function DatasourcesForm({ id, form, hasStoredPassword }: DatasourcesFormProps) {
  const { values, set, errors, submit } = form;
  const changeType = (type: (typeof datasourceTypes)[number]) => {
    const portWasDefault = Object.values(defaultPorts).includes(Number(values.port));
    set('type', type);
    if (portWasDefault) set('port', defaultPorts[type]);
  };
  return (
    <form id={id} noValidate onSubmit={submit} className="space-y-4">
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField label="Name" value={values.name} onChange={(e) => set('name', e.target.value)} error={errors.name} autoFocus autoComplete="off" />
        <SelectField label="Type" value={values.type} onChange={(e) => changeType(e.target.value as (typeof datasourceTypes)[number])} options={datasourceTypes.map((t) => ({ value: t, label: datasourceTypeLabels[t] }))} />
      </div>
      <div className="grid gap-4 sm:grid-cols-[1fr_8rem]">
        <TextField label="Host" value={values.host} onChange={(e) => set('host', e.target.value)} error={errors.host} placeholder="db.internal" autoComplete="off" />
        <TextField label="Port" type="number" value={String(values.port)} onChange={(e) => set('port', e.target.value)} error={errors.port} />
      </div>
      <div className="grid gap-4 sm:grid-cols-3">
        <TextField label={values.type === 'trino' ? 'Catalog / database' : 'Database'} value={values.database} onChange={(e) => set('database', e.target.value)} error={errors.database} autoComplete="off" />
        <TextField label="Username" value={values.username} onChange={(e) => set('username', e.target.value)} error={errors.username} autoComplete="off" />
        <TextField
          label="Password"
          type="password"
          value={values.password}
          onChange={(e) => set('password', e.target.value)}
          error={errors.password}
          autoComplete="new-password"
          hint={hasStoredPassword ? 'Leave empty to keep the stored password.' : undefined}
        />
      </div>
      <fieldset className="grid gap-4 rounded-md border border-zinc-200 p-4 sm:grid-cols-3 dark:border-zinc-800">
        <legend className="px-1 text-sm font-medium">{datasourceTypeLabels[values.type]} options</legend>
        <SelectField label="SSL mode" value={values.sslMode} onChange={(e) => set('sslMode', e.target.value as (typeof sslModes)[number])} options={sslModes.map((m) => ({ value: m, label: m }))} />
        {values.type !== 'mysql' && <TextField label="Schema" value={values.schema} onChange={(e) => set('schema', e.target.value)} error={errors.schema} placeholder={values.type === 'postgres' ? 'public' : ''} />}
        {values.type === 'trino' && <TextField label="Catalog" value={values.catalog} onChange={(e) => set('catalog', e.target.value)} error={errors.catalog} />}
        <TextField label="Statement timeout (ms)" type="number" value={String(values.statementTimeoutMs)} onChange={(e) => set('statementTimeoutMs', e.target.value)} error={errors.statementTimeoutMs} hint="Default when an API sets none" />
        <TextField label="Pool size" type="number" value={String(values.poolMax)} onChange={(e) => set('poolMax', e.target.value)} error={errors.poolMax} hint="Connections per instance" />
        <div className="flex items-end pb-2">
          <CheckboxField label="Read-only" description="Every transaction is read-only" checked={values.readOnly} onChange={(e) => set('readOnly', e.target.checked)} />
        </div>
      </fieldset>
      <TextareaField label="Description" value={values.description} onChange={(e) => set('description', e.target.value)} error={errors.description} rows={2} />
      <CheckboxField label="Active" description="APIs on an inactive source answer 503." checked={values.isActive} onChange={(e) => set('isActive', e.target.checked)} />
    </form>
  );
}
