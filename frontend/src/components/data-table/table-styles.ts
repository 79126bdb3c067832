export const tableClass = 'min-w-full divide-y divide-zinc-200 text-sm dark:divide-zinc-800';
export const thClass = 'px-4 py-2.5 text-left text-xs font-semibold tracking-wide text-zinc-500 uppercase';
export const tdClass = 'px-4 py-3 align-middle';
export const panelClass = 'overflow-hidden rounded-lg border border-zinc-200 bg-white shadow-xs dark:border-zinc-800 dark:bg-zinc-900';
