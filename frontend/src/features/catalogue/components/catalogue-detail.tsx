import { tableClass, tdClass, thClass } from '@/components/data-table/table-styles';
import { Badge, Card } from '@/components/ui/feedback';
import { CatalogueTryIt } from '@/features/catalogue/components/catalogue-try-it';
import type { CatalogueOperation } from '@/features/catalogue/lib/operations';

export function CatalogueDetail({ op }: { op: CatalogueOperation }) {
  return (
    <div className="space-y-4">
      <Card>
        <h2 className="flex flex-wrap items-center gap-2 text-lg font-semibold">
          {op.summary}
          {op.private ? <Badge>Private · token required</Badge> : <Badge tone="amber">Public</Badge>}
        </h2>
        <p className="mt-1 font-mono text-sm">
          <span className="font-semibold">{op.method}</span> {window.location.origin}
          {op.path}
        </p>
        {op.description && <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-300">{op.description}</p>}
        {op.params.length > 0 && (
          <table className={`${tableClass} mt-4`} aria-label="Parameters">
            <thead>
              <tr>
                {['Name', 'In', 'Type', 'Required', 'Description'].map((h) => (
                  <th key={h} scope="col" className={thClass}>
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
              {op.params.map((p) => (
                <tr key={`${p.in}-${p.name}`}>
                  <td className={`${tdClass} font-mono`}>{p.name}</td>
                  <td className={tdClass}>{p.in}</td>
                  <td className={tdClass}>{p.type}</td>
                  <td className={tdClass}>{p.required ? 'yes' : 'no'}</td>
                  <td className={`${tdClass} text-zinc-500`}>{p.description ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
      <Card title="Try it">
        <CatalogueTryIt key={op.key} op={op} />
      </Card>
    </div>
  );
}
