import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { inputClass } from '@/components/ui/field';
import { textToValue, valueToText } from '@/features/apis/lib/param-values';
import type { ParamDefinition } from '@/features/apis/schemas';

export interface ApisTestFormProps {
  params: ParamDefinition[];
  running: boolean;
  onRun: (values: Record<string, unknown>) => void;
}

const inputType: Partial<Record<ParamDefinition['type'], string>> = { integer: 'number', number: 'number', date: 'date' };

function placeholderFor(p: ParamDefinition): string {
  if (p.example !== undefined) return valueToText(p.example);
  if (p.type === 'array') return p.items === 'integer' || p.items === 'number' ? '[1, 2, 3]' : 'a, b, c';
  if (p.type === 'object') return '{"key": "value"}';
  if (p.type === 'datetime') return '2026-01-31T12:00:00Z';
  return p.default !== undefined ? `default ${valueToText(p.default)}` : '';
}

/** A form generated from the parameter definitions; empty fields are left out so defaults apply. */
export function ApisTestForm({ params, running, onRun }: ApisTestFormProps) {
  const [texts, setTexts] = useState<Record<string, string>>({});
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const values: Record<string, unknown> = {};
    for (const p of params) {
      const value = textToValue(texts[p.name] ?? '', p);
      if (value !== undefined) values[p.name] = value;
    }
    onRun(values);
  };
  const set = (name: string, text: string) => setTexts((prev) => ({ ...prev, [name]: text }));

  return (
    <form onSubmit={submit} aria-label="Test parameters" className="space-y-3">
      {params.length === 0 && <p className="text-sm text-zinc-500">This API takes no parameters.</p>}
      <div className="grid gap-3 sm:grid-cols-2">
        {params.map((p) => {
          const id = `test-param-${p.name}`;
          return (
            <div key={p.name}>
              <label htmlFor={id} className="mb-1 flex items-baseline gap-2 text-sm font-medium">
                <span className="font-mono">{p.name}</span>
                {p.required && <span className="text-red-600" aria-label="required">*</span>}
                <span className="text-xs font-normal text-zinc-500">
                  {p.type}
                  {p.type === 'array' && p.items ? `<${p.items}>` : ''} · {p.location}
                </span>
              </label>
              {p.type === 'boolean' ? (
                <select id={id} className={inputClass} value={texts[p.name] ?? ''} onChange={(e) => set(p.name, e.target.value)}>
                  <option value="">(not set)</option>
                  <option value="true">true</option>
                  <option value="false">false</option>
                </select>
              ) : p.enum?.length ? (
                <select id={id} className={inputClass} value={texts[p.name] ?? ''} onChange={(e) => set(p.name, e.target.value)}>
                  <option value="">(not set)</option>
                  {p.enum.map((v) => (
                    <option key={String(v)}>{String(v)}</option>
                  ))}
                </select>
              ) : p.type === 'object' ? (
                <textarea id={id} rows={2} className={`${inputClass} h-auto py-2 font-mono`} placeholder={placeholderFor(p)} value={texts[p.name] ?? ''} onChange={(e) => set(p.name, e.target.value)} />
              ) : (
                <input
                  id={id}
                  type={inputType[p.type] ?? 'text'}
                  step={p.type === 'number' ? 'any' : undefined}
                  className={inputClass}
                  placeholder={placeholderFor(p)}
                  value={texts[p.name] ?? ''}
                  onChange={(e) => set(p.name, e.target.value)}
                />
              )}
              {p.description && <p className="mt-1 text-xs text-zinc-500">{p.description}</p>}
            </div>
          );
        })}
      </div>
      <Button type="submit" loading={running}>
        Run
      </Button>
    </form>
  );
}
