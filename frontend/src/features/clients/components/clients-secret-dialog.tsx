import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { toast } from '@/lib/toast';

export interface ClientsSecretDialogProps {
  clientId: string;
  clientSecret: string;
  onClose: () => void;
}

async function copy(text: string, what: string) {
  try {
    await navigator.clipboard.writeText(text);
    toast.success(`${what} copied`);
  } catch {
    toast.error(`Could not copy the ${what.toLowerCase()}; select it and copy by hand.`);
  }
}

function CopyRow({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <p className="mb-1 text-sm font-medium">{label}</p>
      <div className="flex items-start gap-2">
        <code aria-label={label} className="flex-1 rounded-md bg-zinc-100 px-3 py-2 font-mono text-xs break-all whitespace-pre-wrap dark:bg-zinc-800">
          {value}
        </code>
        <Button size="sm" variant="secondary" onClick={() => void copy(value, label)} aria-label={`Copy ${label.toLowerCase()}`}>
          Copy
        </Button>
      </div>
    </div>
  );
}

/** Shows a client's secret once (after create or rotation) with a ready token request. */
export function ClientsSecretDialog({ clientId, clientSecret, onClose }: ClientsSecretDialogProps) {
  const origin = window.location.origin;
  const curl = `curl -s -X POST ${origin}/token \\\n  -u '${clientId}:${clientSecret}' \\\n  -d grant_type=client_credentials`;
  return (
    <Dialog
      open
      onClose={onClose}
      title="Client secret"
      description="Store the secret now: it is shown only once and cannot be recovered. Rotate it if it is lost."
      footer={<Button onClick={onClose}>I have stored the secret</Button>}
    >
      <div className="space-y-4">
        <CopyRow label="Client id" value={clientId} />
        <CopyRow label="Client secret" value={clientSecret} />
        <CopyRow label="Token request (curl)" value={curl} />
        <p className="text-xs text-zinc-500">
          Call an API with the returned token: <code className="font-mono">curl -H &apos;Authorization: Bearer &lt;access_token&gt;&apos; {origin}/api/&lt;path&gt;</code>
        </p>
      </div>
    </Dialog>
  );
}
