/**
 * The request pipeline as code: a route is declared once through one of a few route kinds, and every request to it
 * runs the same steps in the same order: rate limit → authenticate → authorise → validate → use case (in a
 * transaction) → audit → render. What each route declared is kept, so a test can walk the route table.
 */
import type { Context } from 'hono';
import type { z } from 'zod';
import type { AppError, FieldIssue } from '../../core/errors.ts';
import type { Permission } from '../../core/permissions.ts';
import type { Principal } from '../../core/principal.ts';
import type { RequestMeta } from '../../core/session-policy.ts';
import type { Translator } from '../../i18n/i18n.ts';
import type { DbHandle } from '../../services/db-handle.ts';
import type { ActiveSession } from '../../services/sessions/resolve-session.ts';
import type { AppDeps, AppEnv } from '../context.ts';
import type { LimiterName } from './limiters.ts';

/** Page of the public site, feed or file for machines, static asset, health probe, portal page or form, API call. */
export const routeKinds = ['page', 'feed', 'asset', 'probe', 'portalPage', 'portalAction', 'apiRead', 'apiWrite'] as const;
export type RouteKind = (typeof routeKinds)[number];

export type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE' | 'OPTIONS';

/**
 * Who the request must come from. `none`: nobody is identified (no cookie or key is read). `session`: an official fully
 * signed in (second factor done). `pending-session`: password done, second factor pending. `optional-session`: pages
 * for the signed-out that look at a session only to send its holder on. `api-key`: a machine client with a valid key.
 * `optional-api-key`: public data, where a key (if sent, it must be valid) earns its holder a larger rate budget.
 */
export type AuthMode = 'none' | 'session' | 'pending-session' | 'optional-session' | 'api-key' | 'optional-api-key';

/** `public`: anyone; `signed-in`: any authenticated principal; else a named permission from src/core/permissions.ts. */
export type Authorisation = Permission | 'signed-in' | 'public';

/**
 * `request`: the pipeline runs the use case in one transaction (the use case joins it). `steps`: the use case runs its
 * own short transactions, around slow work that must not hold the database (password hashing). `none`: a read.
 */
export type TransactionMode = 'request' | 'steps' | 'none';

/**
 * `required`: the use case must append an audit entry, or the pipeline rolls the request back. `use-case`: the use case
 * decides (a page that audits only the personal data it shows). `none`: nothing personal is read or written.
 */
export type AuditMode = 'required' | 'use-case' | 'none';

/** Where the route's answers and errors are rendered: public layout, portal layout, or JSON. */
export type Area = 'public' | 'portal' | 'api';

/** What a route declared, as the route-table test and the error renderer read it. */
export type Declaration = {
  kind: RouteKind;
  method: Method;
  path: string;
  area: Area;
  limit: LimiterName;
  auth: AuthMode;
  authorise: Authorisation;
  recentAuth: boolean;
  csrf: boolean;
  validates: boolean;
  transaction: TransactionMode;
  audit: AuditMode;
  cache: boolean;
  /**
   * Public read-only answers other sites may use (partner sites, feed readers, browser clients of the protocol): open
   * to every origin without credentials, images included. Never the portal or anything behind a key or session.
   */
  cors: boolean;
};

export type InputSchemas = {
  params?: z.ZodType;
  query?: z.ZodType;
  /** A form body on portal actions, a JSON body on API calls. */
  body?: z.ZodType;
};

type Out<S> = S extends z.ZodType ? z.output<S> : undefined;
export type InputOf<S extends InputSchemas> = { params: Out<S['params']>; query: Out<S['query']>; body: Out<S['body']> };

/** A route as written by its author: the kind fixes the rest. */
export type RouteSpec<S extends InputSchemas, O> = {
  input?: S;
  /** Query parameters that may repeat (checkbox groups); every other parameter is read once. */
  repeatable?: readonly string[];
  /** The use case: calls services with the request's database handle (its transaction, in `request` mode). */
  run: (call: UseCaseCall<InputOf<S>>) => Promise<O>;
  render: (c: Context<AppEnv>, out: O, input: InputOf<S>) => Response | Promise<Response>;
  /** Shows the form again with the problems, instead of an error page (status 400). */
  invalid?: (c: Context<AppEnv>, issues: FieldIssue[], raw: Record<string, unknown>) => Response | Promise<Response>;
  /**
   * A portal form whose work must survive the end of its session (a long draft): posted after the session ended, it is
   * kept for the posting browser and given back by the form's page after the next sign-in (`keptForm`).
   */
  keepOnExpiry?: boolean;
  /** Turns an expected refusal of the use case into a page (the form again, with the message). */
  recover?: (c: Context<AppEnv>, err: AppError, input: InputOf<S>) => Response | Promise<Response> | undefined;
} & Partial<Pick<Declaration, 'limit' | 'auth' | 'transaction' | 'audit' | 'recentAuth' | 'cache'>> & { authorise: Authorisation };

/** What a use case receives: the input and the facts of the request, never the HTTP context. */
export type UseCaseCall<I> = {
  input: I;
  /** The request's transaction in `request` mode, else the database; use cases receive it, web code never queries it. */
  db: DbHandle;
  principal: Principal | undefined;
  session: ActiveSession | undefined;
  meta: RequestMeta;
  deps: AppDeps;
  tr: Translator;
  /**
   * The change log's newest number as the page cache read it for this request (cacheable pages), so a search that
   * catches up with the log does not read it a second time; undefined where it was not read.
   */
  changeHead: number | undefined;
};
