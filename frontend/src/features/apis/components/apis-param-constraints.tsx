import { inputClass } from '@/components/ui/field';
import { optionalNumber, textToValue, valueToText } from '@/features/apis/lib/param-values';
import { scalarParamTypes, type ParamDefinition } from '@/features/apis/schemas';

export interface ApisParamConstraintsProps {
  param: ParamDefinition;
  onChange: (patch: Partial<ParamDefinition>) => void;
}

const small = `${inputClass} h-8 text-xs`;

/** The less common fields of a parameter: bounds, pattern, enum, element type, description, example. */
export function ApisParamConstraints({ param, onChange }: ApisParamConstraintsProps) {
  const numeric = param.type === 'integer' || param.type === 'number';
  const label = (text: string) => `${param.name || 'Parameter'} ${text}`;
  return (
    <div className="grid grid-cols-2 gap-3 p-3 text-xs md:grid-cols-4">
      {numeric && (
        <>
          <label className="block">
            Minimum
            <input aria-label={label('minimum')} type="number" className={small} value={param.minimum ?? ''} onChange={(e) => onChange({ minimum: optionalNumber(e.target.value) })} />
          </label>
          <label className="block">
            Maximum
            <input aria-label={label('maximum')} type="number" className={small} value={param.maximum ?? ''} onChange={(e) => onChange({ maximum: optionalNumber(e.target.value) })} />
          </label>
        </>
      )}
      {(param.type === 'string' || param.type === 'array') && (
        <>
          <label className="block">
            {param.type === 'array' ? 'Min items' : 'Min length'}
            <input aria-label={label('min length')} type="number" min={0} className={small} value={param.minLength ?? ''} onChange={(e) => onChange({ minLength: optionalNumber(e.target.value) })} />
          </label>
          <label className="block">
            {param.type === 'array' ? 'Max items' : 'Max length'}
            <input aria-label={label('max length')} type="number" min={0} className={small} value={param.maxLength ?? ''} onChange={(e) => onChange({ maxLength: optionalNumber(e.target.value) })} />
          </label>
        </>
      )}
      {param.type === 'string' && (
        <label className="block">
          Pattern
          <input aria-label={label('pattern')} className={`${small} font-mono`} value={param.pattern ?? ''} placeholder="^[A-Z]{2}$" onChange={(e) => onChange({ pattern: e.target.value || undefined })} />
        </label>
      )}
      {param.type === 'array' && (
        <label className="block">
          Element type
          <select aria-label={label('element type')} className={small} value={param.items ?? 'string'} onChange={(e) => onChange({ items: e.target.value as ParamDefinition['items'] })}>
            {scalarParamTypes.map((t) => (
              <option key={t}>{t}</option>
            ))}
          </select>
        </label>
      )}
      <label className="block">
        Allowed values
        <input
          aria-label={label('allowed values')}
          className={small}
          placeholder="a, b, c"
          value={(param.enum ?? []).join(', ')}
          onChange={(e) => {
            const items = e.target.value.split(',').map((s) => s.trim()).filter(Boolean);
            onChange({ enum: items.length ? items.map((v) => (numeric && Number.isFinite(Number(v)) ? Number(v) : v)) : undefined });
          }}
        />
      </label>
      <label className="block">
        Example
        <input aria-label={label('example')} className={small} value={valueToText(param.example)} onChange={(e) => onChange({ example: textToValue(e.target.value, param) })} />
      </label>
      <label className="col-span-2 block">
        Description
        <input aria-label={label('description')} className={small} value={param.description ?? ''} onChange={(e) => onChange({ description: e.target.value || undefined })} />
      </label>
    </div>
  );
}
