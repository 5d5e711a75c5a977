/** What a list shows when it has nothing: why, and what the person can do about it. */
import type { Child } from 'hono/jsx';

export function EmptyState(props: { title: string; children?: Child }) {
  return (
    <div class="empty-state">
      <h3>{props.title}</h3>
      {props.children}
    </div>
  );
}
