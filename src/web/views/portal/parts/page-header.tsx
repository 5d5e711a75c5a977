/** The head of every portal page: breadcrumbs back to where the page sits, its one heading, and a line saying what it is for. */
import type { Child } from 'hono/jsx';

export type Crumb = { href: string; label: string };

/** `example` draws the header as a sample inside another page (the parts page), whose own heading stays the only h1. */
export function PageHeader(props: { title: string; crumbs?: Crumb[]; crumbsLabel?: string; lead?: Child; example?: boolean }) {
  const crumbs = props.crumbs ?? [];
  return (
    <div class={props.example ? 'page-header example' : 'page-header'}>
      {crumbs.length > 0 ? (
        <nav class="breadcrumbs" aria-label={props.crumbsLabel}>
          <ol>
            {crumbs.map((c) => (
              <li>
                <a href={c.href}>{c.label}</a>
              </li>
            ))}
          </ol>
        </nav>
      ) : null}
      {props.example ? <p class="page-title">{props.title}</p> : <h1>{props.title}</h1>}
      {props.lead ? <p class="lead">{props.lead}</p> : null}
    </div>
  );
}
