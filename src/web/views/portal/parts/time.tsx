/** A moment of the portal's records as a person reads it: the date in the reader's convention and the time in UTC. */
import type { Translator } from '../../../../i18n/i18n.ts';

/** Records are kept in UTC and officers work across time zones, so the zone is said rather than converted. */
export const whenText = (tr: Translator, iso: string, seconds = false): string => `${tr.date(iso, 'medium')} ${iso.slice(11, seconds ? 19 : 16)} UTC`;

export function When(props: { tr: Translator; iso: string; seconds?: boolean }) {
  return <time datetime={props.iso}>{whenText(props.tr, props.iso, props.seconds)}</time>;
}
