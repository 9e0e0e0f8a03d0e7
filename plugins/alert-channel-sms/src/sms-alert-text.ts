import { describeAlert, type AlertNotification } from '@platform/sdk/alert-channels';
import { countSmsSegments } from '@platform/sdk/messaging';

/** ASCII, so that truncating never turns a GSM-7 text into UCS-2 (an ellipsis character would). */
const CUT = '...';

/**
 * The SMS for one notification: the one-line description (`[FIRING] High API error rate: ... (route=/api/build)`),
 * who acknowledged it, and the console link, in at most `maxSegments` segments as the providers count them. The
 * description is shortened first, so the link survives whenever it fits on its own.
 */
export function smsAlertText(n: AlertNotification, maxSegments: number): string {
  const ack = n.kind === 'acknowledged' && n.acknowledgement ? ` by ${n.acknowledgement.by}` : '';
  const description = describeAlert(n) + ack;
  const link = `\n${n.links.alert}`;
  const fits = (text: string) => countSmsSegments(text).segments <= maxSegments;
  if (fits(description + link)) return description + link;
  const withLink = shortenToFit(description, (head) => fits(head + CUT + link));
  if (withLink !== null) return withLink + CUT + link;
  return (shortenToFit(description, (head) => fits(head + CUT)) ?? '') + CUT;
}

/** The longest prefix of `text` (whole code points, no trailing space) that `fits`, or null if not even one does. */
function shortenToFit(text: string, fits: (head: string) => boolean): string | null {
  const chars = [...text];
  let lo = 0;
  let hi = chars.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (fits(chars.slice(0, mid).join(''))) lo = mid;
    else hi = mid - 1;
  }
  if (lo === 0) return null;
  return chars.slice(0, lo).join('').trimEnd();
}
