import { useEffect, useId, useRef, type ReactNode } from 'react';

export interface DialogProps {
  open: boolean;
  title: string;
  description?: string;
  onClose: () => void;
  children: ReactNode;
  footer?: ReactNode;
  size?: 'md' | 'lg';
  /** 'drawer' slides in from the right at full height (details next to a list). */
  variant?: 'modal' | 'drawer';
}

const focusable = 'input:not([disabled]), select, textarea, button:not([disabled]), [href], [tabindex]:not([tabindex="-1"])';

/** Modal dialog: focus moves inside on open, Tab is trapped, Escape closes, focus returns on close. */
export function Dialog({ open, title, description, onClose, children, footer, size = 'md', variant = 'modal' }: DialogProps) {
  const drawer = variant === 'drawer';
  const titleId = useId();
  const panel = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const previous = document.activeElement as HTMLElement | null;
    const first = panel.current?.querySelector<HTMLElement>(focusable);
    first?.focus();
    return () => previous?.focus?.();
  }, [open]);

  if (!open) return null;

  const onKeyDown = (event: React.KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.stopPropagation();
      onClose();
      return;
    }
    if (event.key !== 'Tab' || !panel.current) return;
    const items = [...panel.current.querySelectorAll<HTMLElement>(focusable)];
    if (items.length === 0) return;
    const [firstItem, lastItem] = [items[0], items[items.length - 1]];
    if (event.shiftKey && document.activeElement === firstItem) {
      event.preventDefault();
      lastItem.focus();
    } else if (!event.shiftKey && document.activeElement === lastItem) {
      event.preventDefault();
      firstItem.focus();
    }
  };

  return (
    <div className={drawer ? 'fixed inset-0 z-40 flex justify-end bg-zinc-950/40' : 'fixed inset-0 z-40 flex items-start justify-center overflow-y-auto bg-zinc-950/50 p-4 pt-[10vh]'} onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div
        ref={panel}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        onKeyDown={onKeyDown}
        className={`w-full ${size === 'lg' ? 'max-w-3xl' : 'max-w-lg'} ${drawer ? 'flex h-full flex-col border-l' : 'rounded-lg border'} border-zinc-200 bg-white shadow-xl dark:border-zinc-800 dark:bg-zinc-900`}
      >
        <div className="border-b border-zinc-200 px-5 py-4 dark:border-zinc-800">
          <h2 id={titleId} className="text-base font-semibold">
            {title}
          </h2>
          {description && <p className="mt-1 text-sm text-zinc-500">{description}</p>}
        </div>
        <div className={drawer ? 'flex-1 overflow-y-auto px-5 py-4' : 'max-h-[65vh] overflow-y-auto px-5 py-4'}>{children}</div>
        {footer && <div className="flex justify-end gap-2 border-t border-zinc-200 px-5 py-3 dark:border-zinc-800">{footer}</div>}
      </div>
    </div>
  );
}
