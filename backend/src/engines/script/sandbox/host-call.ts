/** What a host function (db, http, cache…) gets besides the script's arguments. */
export interface HostCallScope {
  apiId: string;
  requestId?: string;
  /** Aborted when this host call's deadline passes or the whole script call ends. */
  signal: AbortSignal;
  /** Epoch ms by which this host call must be done (min of the per-call and the overall deadline). */
  deadline: number;
}

export type HostHandler = (args: unknown[], scope: HostCallScope) => Promise<unknown>;

export type HostHandlers = Record<string, HostHandler>;
