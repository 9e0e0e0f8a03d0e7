/** Verdict on a TLS certificate's remaining validity. */
export function certificateVerdict(validTo: Date, now: number, warnDays: number): { status: 'healthy' | 'degraded' | 'unhealthy'; daysLeft: number; message: string } {
  const daysLeft = Math.floor((validTo.getTime() - now) / 86_400_000);
  if (validTo.getTime() <= now) return { status: 'unhealthy', daysLeft, message: `TLS certificate expired on ${validTo.toISOString().slice(0, 10)}` };
  if (daysLeft < warnDays) return { status: 'degraded', daysLeft, message: `TLS certificate expires in ${daysLeft} days` };
  return { status: 'healthy', daysLeft, message: `TLS certificate valid for ${daysLeft} days` };
}
