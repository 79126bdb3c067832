import { AsyncLocalStorage } from 'node:async_hooks';

export interface RequestContext {
  requestId: string;
  ip?: string;
}

/** Set for every HTTP request (onRequest hook), so logs and audit events carry the request id. */
export const requestContext = new AsyncLocalStorage<RequestContext>();

export const currentRequestId = (): string | undefined => requestContext.getStore()?.requestId;

let inFlight = 0;

/**
 * Runs `fn` (the rest of a management request) inside its context and returns the call that ends it, once
 * the response is finished. On Node 20 an enabled AsyncLocalStorage installs a process-wide promise hook
 * that about triples the cost of every promise, the gateway's included, which needs no context (it passes
 * its request id explicitly). So the storage is switched off whenever no management request is in flight.
 */
export function enterRequestContext(context: RequestContext, fn: () => void): () => void {
  inFlight++;
  let ended = false;
  requestContext.run(context, fn);
  return () => {
    if (ended) return;
    ended = true;
    if (--inFlight === 0) requestContext.disable();
  };
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Echo a sane incoming X-Request-Id, otherwise generate one. */
export function requestIdFrom(header: string | string[] | undefined, generate: () => string): string {
  const value = Array.isArray(header) ? header[0] : header;
  return value && REQUEST_ID.test(value) ? value : generate();
}
