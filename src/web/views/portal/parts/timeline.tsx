/** What happened to an object, oldest first: each event's time, what was done, by whom, and any note, as an ordered list. */
import type { Child } from 'hono/jsx';
import type { Translator } from '../../../../i18n/i18n.ts';
import { When } from './time.tsx';

export type TimelineEvent = { at: string; title: string; actor?: string; body?: Child };

export function Timeline(props: { tr: Translator; label: string; events: readonly TimelineEvent[] }) {
  return (
    <ol class="timeline" aria-label={props.label}>
      {props.events.map((e) => (
        <li>
          <p class="timeline-title">{e.title}</p>
          <p class="timeline-meta">
            <When tr={props.tr} iso={e.at} />
            {e.actor ? ` · ${e.actor}` : ''}
          </p>
          {e.body ? <div class="timeline-body">{e.body}</div> : null}
        </li>
      ))}
    </ol>
  );
}
