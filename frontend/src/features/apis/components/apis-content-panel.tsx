import { useState } from 'react';
import { CodeEditor } from '@/components/code-editor/code-editor';
import { SelectField } from '@/components/ui/field';
import { useTestApiInline } from '@/features/apis/api';
import { ApisTestConsole } from '@/features/apis/components/apis-test-console';
import type { ApiDraft } from '@/features/apis/lib/api-draft';
import type { ParamDefinition } from '@/features/apis/schemas';
import type { ApiParamDefinitionDto, ApiWarningDto } from '@/api/client';
import { Button } from '@/components/ui/button';

export interface ApisContentPanelProps {
  draft: ApiDraft;
  onChange: (patch: Partial<ApiDraft>) => void;
  readOnly: boolean;
  canTest: boolean;
  /** The server's checks of the saved draft (unknown filters, undeclared names…), with lines when known. */
  warnings?: ApiWarningDto[];
}

/** The SQL template or script with its engine, and the test console running the unsaved editor content. */
export function ApisContentPanel({ draft, onChange, readOnly, canTest, warnings = [] }: ApisContentPanelProps) {
  const test = useTestApiInline();
  const [errorLine, setErrorLine] = useState<number | null>(null);
  const names = draft.params.map((p: ParamDefinition) => p.name).filter(Boolean);
  const completions = draft.engine === 'script' ? [...names.map((n) => `params.${n}`), 'db.query', 'db.queryOne', 'db.execute', 'cache.get', 'cache.set', 'http.get', 'log.info'] : names;
  const run = (values: Record<string, unknown>) => {
    setErrorLine(null);
    test.mutate(
      {
        engine: draft.engine,
        datasourceId: draft.datasourceId,
        moduleId: draft.moduleId,
        content: draft.content,
        params: draft.params as ApiParamDefinitionDto[],
        values,
        validators: draft.validators,
        transform: draft.transform,
        readOnly: draft.readOnly,
        maxRows: draft.maxRows,
        timeoutMs: draft.timeoutMs,
      },
      { onSuccess: (result) => setErrorLine(result.error?.line ?? null) },
    );
  };
  return (
    <div className="space-y-6">
      <div className="flex items-end gap-4">
        <SelectField
          label="Engine"
          className="w-64 shrink-0"
          value={draft.engine}
          disabled={readOnly}
          onChange={(e) => onChange({ engine: e.target.value as ApiDraft['engine'] })}
          options={[
            { value: 'sql', label: 'SQL template (Nunjucks)' },
            { value: 'script', label: 'JavaScript' },
          ]}
        />
        <p className="pb-2 text-xs text-zinc-500">
          {draft.engine === 'sql' ? 'Every {{ expression }} is sent as a bound value, never spliced into the SQL.' : 'An async function body or an exported execute(params, ctx).'}
        </p>
      </div>
      {warnings.length > 0 && (
        <ul aria-label="Warnings" className="space-y-1 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-200">
          {warnings.map((w, i) => (
            <li key={i} className="flex items-center justify-between gap-2">
              <span>
                <span className="font-mono text-xs">{w.field}</span> {w.message}
              </span>
              {w.line ? (
                <Button size="sm" variant="ghost" onClick={() => setErrorLine(w.line ?? null)}>
                  Line {w.line}
                </Button>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      <CodeEditor
        label={draft.engine === 'sql' ? 'SQL template' : 'Script'}
        language={draft.engine === 'sql' ? 'sql' : 'javascript'}
        value={draft.content}
        completions={completions}
        errorLine={errorLine}
        readOnly={readOnly}
        onChange={(content) => onChange({ content })}
      />
      {canTest && <ApisTestConsole params={draft.params} running={test.isPending} result={test.data} error={test.error} onRun={run} onShowLine={setErrorLine} />}
    </div>
  );
}
