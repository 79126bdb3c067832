import { useId, useState } from 'react';
import { inputClass } from '@/components/ui/field';

export interface CheckboxListItem {
  id: string;
  label: string;
  description?: string;
}

export interface CheckboxListProps {
  legend: string;
  items: CheckboxListItem[];
  selected: string[];
  onChange: (selected: string[]) => void;
  emptyText?: string;
}

/** A labelled, filterable multi-select of checkboxes (groups, APIs). */
export function CheckboxList({ legend, items, selected, onChange, emptyText = 'Nothing to choose from yet.' }: CheckboxListProps) {
  const id = useId();
  const [filter, setFilter] = useState('');
  const shown = items.filter((i) => `${i.label} ${i.description ?? ''}`.toLowerCase().includes(filter.toLowerCase()));
  const toggle = (itemId: string, checked: boolean) => onChange(checked ? [...selected, itemId] : selected.filter((s) => s !== itemId));
  return (
    <fieldset>
      <legend className="mb-1 text-sm font-medium text-zinc-700 dark:text-zinc-300">
        {legend} <span className="font-normal text-zinc-500">({selected.length} selected)</span>
      </legend>
      {items.length === 0 ? (
        <p className="text-sm text-zinc-500">{emptyText}</p>
      ) : (
        <>
          {items.length > 6 && <input aria-label={`Filter ${legend.toLowerCase()}`} className={`${inputClass} mb-2 h-8 text-xs`} placeholder="Filter…" value={filter} onChange={(e) => setFilter(e.target.value)} />}
          <ul className="max-h-48 space-y-1 overflow-y-auto rounded-md border border-zinc-200 p-2 dark:border-zinc-800">
            {shown.map((item) => (
              <li key={item.id} className="flex items-start gap-2">
                <input id={`${id}-${item.id}`} type="checkbox" className="mt-0.5 size-4 accent-indigo-600" checked={selected.includes(item.id)} onChange={(e) => toggle(item.id, e.target.checked)} />
                <label htmlFor={`${id}-${item.id}`} className="text-sm">
                  {item.label}
                  {item.description && <span className="ml-2 text-xs text-zinc-500">{item.description}</span>}
                </label>
              </li>
            ))}
          </ul>
        </>
      )}
    </fieldset>
  );
}
