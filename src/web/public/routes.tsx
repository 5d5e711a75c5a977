/** Routes of the public site: its pages (mounted once per language prefix by the pipeline), feeds and sitemap. */
import type { Routes } from '../pipeline/routes.ts';
import { registerNoticeFeedRoutes } from './feeds-notices.ts';
import { registerSiteFeedRoutes } from './feeds-site.ts';
import { registerNoticeRoutes } from './notices.tsx';
import { registerPosterRoutes } from './poster.tsx';
import { registerSitePages } from './site.tsx';

export function registerPublicRoutes(routes: Routes): void {
  registerSiteFeedRoutes(routes);
  registerNoticeFeedRoutes(routes);
  registerSitePages(routes);
  registerNoticeRoutes(routes);
  registerPosterRoutes(routes);
}
