import { Fragment, useState } from 'react';
import { tableClass, thClass } from '@/components/data-table/table-styles';
import { Button } from '@/components/ui/button';
import { inputClass } from '@/components/ui/field';
import { ApisParamConstraints } from '@/features/apis/components/apis-param-constraints';
import { textToValue, valueToText } from '@/features/apis/lib/param-values';
import { compareWithDeclared, newParam } from '@/features/apis/lib/template-variables';
import { paramListErrors, paramLocations, paramTypes, type ParamDefinition } from '@/features/apis/schemas';

export interface ApisParamTableProps {
  params: ParamDefinition[];
  onChange: (params: ParamDefinition[]) => void;
  /** Variables the template or script reads (discoverVariables), for "add from template" and warnings. */
  discovered: string[];
  /** Names captured by `{name}` segments of the API path: added as path parameters. */
  pathNames?: string[];
  readOnly?: boolean;
}

const cell = 'px-2 py-1.5 align-middle';
const compact = `${inputClass} h-8 text-xs`;

/** Editable parameter definitions (DESIGN §8) with per-row validation and template discovery. */
export function ApisParamTable({ params, onChange, discovered, pathNames = [], readOnly = false }: ApisParamTableProps) {
  const [expanded, setExpanded] = useState<number | null>(null);
  const errors = paramListErrors(params);
  const { undeclared, unused } = compareWithDeclared([...new Set([...pathNames, ...discovered])], params);

  const update = (index: number, patch: Partial<ParamDefinition>) => onChange(params.map((p, i) => (i === index ? { ...p, ...patch } : p)));
  const remove = (index: number) => {
    setExpanded(null);
    onChange(params.filter((_, i) => i !== index));
  };
  const addFromTemplate = () => onChange([...params, ...undeclared.map((name) => newParam(name, pathNames.includes(name) ? 'path' : 'query'))]);
  const addBlank = () => {
    onChange([...params, newParam('')]);
    setExpanded(null);
  };

  return (
    <div className="space-y-3">
      {undeclared.length > 0 && (
        <div role="status" className="flex flex-wrap items-center justify-between gap-2 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-200">
          <span>
            Used but not declared: <strong>{undeclared.join(', ')}</strong>
          </span>
          {!readOnly && (
            <Button size="sm" variant="secondary" onClick={addFromTemplate}>
              Add from template
            </Button>
          )}
        </div>
      )}
      {unused.length > 0 && <p className="text-xs text-zinc-500">Declared but never read by the content: {unused.join(', ')}</p>}
      <div className="overflow-x-auto rounded-md border border-zinc-200 dark:border-zinc-800">
        <table className={tableClass} aria-label="Parameters">
          <thead className="bg-zinc-50 dark:bg-zinc-900/60">
            <tr>
              {['Name', 'Location', 'Type', 'Required', 'Default', 'Sensitive', ''].map((h) => (
                <th key={h} scope="col" className={thClass}>
                  {h || <span className="sr-only">Actions</span>}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
            {params.length === 0 && (
              <tr>
                <td colSpan={7} className="px-4 py-6 text-center text-sm text-zinc-500">
                  No parameters. Callers can pass none.
                </td>
              </tr>
            )}
            {params.map((param, index) => {
              const name = param.name || `#${index + 1}`;
              return (
                <Fragment key={index}>
                  <tr>
                    <td className={cell}>
                      <input
                        aria-label={`Parameter ${index + 1} name`}
                        className={`${compact} font-mono`}
                        value={param.name}
                        disabled={readOnly}
                        aria-invalid={errors[index] ? true : undefined}
                        onChange={(e) => update(index, { name: e.target.value })}
                      />
                      {errors[index] && <p className="mt-1 text-xs text-red-600 dark:text-red-400">{errors[index]}</p>}
                    </td>
                    <td className={cell}>
                      <select aria-label={`${name} location`} className={compact} value={param.location} disabled={readOnly} onChange={(e) => update(index, { location: e.target.value as ParamDefinition['location'] })}>
                        {paramLocations.map((l) => (
                          <option key={l}>{l}</option>
                        ))}
                      </select>
                    </td>
                    <td className={cell}>
                      <select aria-label={`${name} type`} className={compact} value={param.type} disabled={readOnly} onChange={(e) => update(index, { type: e.target.value as ParamDefinition['type'] })}>
                        {paramTypes.map((t) => (
                          <option key={t}>{t}</option>
                        ))}
                      </select>
                    </td>
                    <td className={`${cell} text-center`}>
                      <input type="checkbox" aria-label={`${name} required`} className="size-4 accent-indigo-600" checked={param.required} disabled={readOnly} onChange={(e) => update(index, { required: e.target.checked })} />
                    </td>
                    <td className={cell}>
                      <input aria-label={`${name} default`} className={compact} value={valueToText(param.default)} disabled={readOnly} onChange={(e) => update(index, { default: textToValue(e.target.value, param) })} />
                    </td>
                    <td className={`${cell} text-center`}>
                      <input type="checkbox" aria-label={`${name} sensitive`} className="size-4 accent-indigo-600" checked={!!param.sensitive} disabled={readOnly} onChange={(e) => update(index, { sensitive: e.target.checked || undefined })} />
                    </td>
                    <td className={`${cell} text-right whitespace-nowrap`}>
                      <Button size="sm" variant="ghost" aria-expanded={expanded === index} aria-label={`${name} constraints`} onClick={() => setExpanded(expanded === index ? null : index)}>
                        Constraints
                      </Button>
                      {!readOnly && (
                        <Button size="sm" variant="ghost" className="text-red-600 dark:text-red-400" aria-label={`Remove ${name}`} onClick={() => remove(index)}>
                          Remove
                        </Button>
                      )}
                    </td>
                  </tr>
                  {expanded === index && (
                    <tr className="bg-zinc-50/60 dark:bg-zinc-900/40">
                      <td colSpan={7}>
                        <fieldset disabled={readOnly}>
                          <legend className="sr-only">{name} constraints</legend>
                          <ApisParamConstraints param={param} onChange={(patch) => update(index, patch)} />
                        </fieldset>
                      </td>
                    </tr>
                  )}
                </Fragment>
              );
            })}
          </tbody>
        </table>
      </div>
      {!readOnly && (
        <Button size="sm" variant="secondary" onClick={addBlank}>
          Add parameter
        </Button>
      )}
    </div>
  );
}
