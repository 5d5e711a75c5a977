/**
 * The facts of the request a use case runs for (who, from where, for what purpose), held for the duration of the call
 * so the audit helper can record them without every use case passing them along.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Principal } from '../core/principal.ts';

export type RequestScope = {
  /** The signed-in official or API client; null for the public and for operators at the command line. */
  principal: Principal | null;
  ip: string | null;
  userAgent: string | null;
  /** The purpose the caller stated for consulting personal data (X-Purpose or a form field), if any. */
  purpose: string | null;
  /** Where the call comes from, recorded in audit details: the portal, the API or the operators' command line. */
  channel: 'portal' | 'api' | 'public' | 'operator';
  /** Audit entries appended so far in this request; the pipeline checks it for routes that must leave a trace. */
  audited: number;
};

const storage = new AsyncLocalStorage<RequestScope>();

export function runInScope<T>(scope: Omit<RequestScope, 'audited'>, fn: () => Promise<T>): Promise<T> {
  return storage.run({ ...scope, audited: 0 }, fn);
}

/** The scope of the running request, or the operator's scope outside any request (command line, start-up). */
export function currentScope(): RequestScope {
  return storage.getStore() ?? { principal: null, ip: null, userAgent: null, purpose: null, channel: 'operator', audited: 0 };
}
