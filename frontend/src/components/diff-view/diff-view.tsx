import { diffLines } from '@/components/diff-view/line-diff';

export interface DiffSection {
  title: string;
  before: string;
  after: string;
}

export interface DiffViewProps {
  leftLabel: string;
  rightLabel: string;
  sections: DiffSection[];
}

const num = 'w-10 px-2 text-right text-zinc-400 select-none align-top';
const code = 'px-2 whitespace-pre-wrap break-all align-top';

/** Side-by-side diff of named text sections (content, parameters, settings…); unchanged sections collapse. */
export function DiffView({ leftLabel, rightLabel, sections }: DiffViewProps) {
  return (
    <div className="space-y-4">
      {sections.map((section) => {
        const rows = diffLines(section.before, section.after);
        const changes = rows.filter((r) => r.kind === 'changed').length;
        return (
          <section key={section.title} aria-label={`${section.title} diff`} className="overflow-hidden rounded-md border border-zinc-200 dark:border-zinc-800">
            <header className="flex items-center justify-between bg-zinc-50 px-3 py-2 text-sm dark:bg-zinc-900">
              <h3 className="font-medium">{section.title}</h3>
              <span className="text-xs text-zinc-500">{changes === 0 ? 'No changes' : `${changes} changed line${changes === 1 ? '' : 's'}`}</span>
            </header>
            {changes > 0 && (
              <div className="overflow-x-auto">
                <table className="w-full table-fixed font-mono text-xs">
                  <colgroup>
                    <col className="w-10" />
                    <col />
                    <col className="w-10" />
                    <col />
                  </colgroup>
                  <thead className="text-left text-zinc-500">
                    <tr>
                      <th colSpan={2} scope="col" className="px-2 py-1 font-medium">
                        {leftLabel}
                      </th>
                      <th colSpan={2} scope="col" className="px-2 py-1 font-medium">
                        {rightLabel}
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {rows.map((row, i) => {
                      const removed = row.kind === 'changed' && row.left !== null;
                      const added = row.kind === 'changed' && row.right !== null;
                      return (
                        <tr key={i} data-kind={row.kind}>
                          <td className={num}>{row.leftNo ?? ''}</td>
                          <td className={`${code} ${removed ? 'bg-red-50 text-red-900 dark:bg-red-950/60 dark:text-red-200' : ''}`} data-side="left">
                            {removed && <span className="sr-only">removed: </span>}
                            {row.left ?? ''}
                          </td>
                          <td className={num}>{row.rightNo ?? ''}</td>
                          <td className={`${code} ${added ? 'bg-emerald-50 text-emerald-900 dark:bg-emerald-950/60 dark:text-emerald-200' : ''}`} data-side="right">
                            {added && <span className="sr-only">added: </span>}
                            {row.right ?? ''}
                          </td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
            )}
          </section>
        );
      })}
    </div>
  );
}
