import { EmptyState, PageHeader } from '@/components/ui/feedback';

/** Placeholder for sections whose pages are not built yet. */
export function ComingSoon({ title, description }: { title: string; description: string }) {
  return (
    <>
      <PageHeader title={title} description={description} />
      <div className="rounded-lg border border-dashed border-zinc-300 bg-white dark:border-zinc-700 dark:bg-zinc-900">
        <EmptyState title="Coming soon" description={`The ${title.toLowerCase()} pages are being built. Check back in a later release.`} />
      </div>
    </>
  );
}
