/** The typed per-request context shared by every route: dependencies, language and (in the portal and API) the principal. */
import type { Logger } from 'pino';
import type { Config } from '../config/config.ts';
import type { PhotoStore } from '../core/photos.ts';
import type { Principal } from '../core/principal.ts';
import type { I18n, Translator } from '../i18n/i18n.ts';
import type { DbHandle } from '../services/db-handle.ts';
import type { NoticeIndex } from '../services/notices/notice-index.ts';

/** Long-lived dependencies the app is built with. */
export type AppDeps = {
  config: Config;
  /** Handed to use cases only; the web layer never queries it itself. */
  db: DbHandle;
  dialect: 'sqlite' | 'postgres';
  logger: Logger;
  i18n: I18n;
  /** Name-matching index of published notices, kept in step with the database's change log. */
  noticeIndex: NoticeIndex;
  /** Where uploaded photos of notice requests live (files or the database, by configuration). */
  photoStore: PhotoStore;
};

export type AppEnv = {
  Variables: {
    deps: AppDeps;
    /** Language of this request, from the URL prefix (`/fr/…`); English has none. */
    lang: string;
    tr: Translator;
    /** Path without the language prefix, for language switching and hreflang links. */
    basePath: string;
    clientIp: string;
    requestId: string;
    /** Set by the pipeline's authentication step in the portal and the API; absent on the public site. */
    principal: Principal | undefined;
  };
};
