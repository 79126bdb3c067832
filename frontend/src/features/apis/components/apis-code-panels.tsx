import { CodeEditor } from '@/components/code-editor/code-editor';
import { Button } from '@/components/ui/button';
import { inputClass } from '@/components/ui/field';
import type { ApiDraft } from '@/features/apis/lib/api-draft';

export interface ApisCodePanelsProps {
  draft: ApiDraft;
  onChange: (patch: Partial<ApiDraft>) => void;
  readOnly: boolean;
}

const validatorStarter = 'function validate(value, params) {\n  return true;\n}';
const transformStarter = 'function transform(result, params) {\n  return result;\n}';

/** Parameter validators and the result transform: sandboxed JavaScript run by the gateway. */
export function ApisCodePanels({ draft, onChange, readOnly }: ApisCodePanelsProps) {
  const paramNames = draft.params.map((p) => p.name).filter(Boolean);
  const completions = [...paramNames.map((n) => `params.${n}`), 'value', 'params', 'result'];
  const updateValidator = (index: number, patch: Partial<ApiDraft['validators'][number]>) => onChange({ validators: draft.validators.map((v, i) => (i === index ? { ...v, ...patch } : v)) });
  return (
    <div className="space-y-8">
      <section aria-labelledby="validators-title" className="space-y-3">
        <h3 id="validators-title" className="text-sm font-semibold">
          Validators
        </h3>
        <p className="text-sm text-zinc-500">Each returns true to accept; false answers 400 with its message.</p>
        {draft.validators.map((v, index) => (
          <div key={index} className="space-y-2 rounded-md border border-zinc-200 p-3 dark:border-zinc-800">
            <div className="flex flex-wrap items-end gap-2">
              <label className="text-sm">
                Parameter
                <select className={`${inputClass} w-48`} value={v.param ?? ''} disabled={readOnly} onChange={(e) => updateValidator(index, { param: e.target.value || null })}>
                  <option value="">(all parameters)</option>
                  {paramNames.map((n) => (
                    <option key={n}>{n}</option>
                  ))}
                </select>
              </label>
              <label className="flex-1 text-sm">
                Message
                <input className={inputClass} value={v.message ?? ''} disabled={readOnly} onChange={(e) => updateValidator(index, { message: e.target.value || undefined })} />
              </label>
              {!readOnly && (
                <Button variant="ghost" className="text-red-600" onClick={() => onChange({ validators: draft.validators.filter((_, i) => i !== index) })} aria-label={`Remove validator ${index + 1}`}>
                  Remove
                </Button>
              )}
            </div>
            <CodeEditor label={`Validator ${index + 1} code`} language="javascript" value={v.code} completions={completions} readOnly={readOnly} minHeight="5rem" onChange={(code) => updateValidator(index, { code })} />
          </div>
        ))}
        {!readOnly && (
          <Button size="sm" variant="secondary" onClick={() => onChange({ validators: [...draft.validators, { param: paramNames[0] ?? null, code: validatorStarter }] })}>
            Add validator
          </Button>
        )}
      </section>
      <section aria-labelledby="transform-title" className="space-y-3">
        <h3 id="transform-title" className="text-sm font-semibold">
          Result transform
        </h3>
        {draft.transform === null ? (
          <>
            <p className="text-sm text-zinc-500">The envelope is returned as the engine built it.</p>
            {!readOnly && (
              <Button size="sm" variant="secondary" onClick={() => onChange({ transform: transformStarter })}>
                Add transform
              </Button>
            )}
          </>
        ) : (
          <>
            <CodeEditor label="Transform code" language="javascript" value={draft.transform} completions={completions} readOnly={readOnly} minHeight="6rem" onChange={(transform) => onChange({ transform })} />
            {!readOnly && (
              <Button size="sm" variant="ghost" className="text-red-600" onClick={() => onChange({ transform: null })}>
                Remove transform
              </Button>
            )}
          </>
        )}
      </section>
    </div>
  );
}
