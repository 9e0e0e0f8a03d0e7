const origin = performance.timeOrigin;
let lastMicros = 0;

/**
 * Now as ISO 8601 with microseconds (`2025-01-31T12:00:00.123456Z`, PostgreSQL's own precision), strictly
 * increasing within the process, so lines written one after another keep their order even inside one
 * millisecond.
 */
export function logTimestamp(): string {
  let micros = Math.floor((origin + performance.now()) * 1000);
  if (micros <= lastMicros) micros = lastMicros + 1;
  lastMicros = micros;
  const ms = Math.floor(micros / 1000);
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 23)}${String(micros - ms * 1000).padStart(3, '0')}Z`;
}
