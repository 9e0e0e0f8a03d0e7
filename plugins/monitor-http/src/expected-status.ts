/**
 * Whether an HTTP status matches a spec such as `200-299`, `200,204`, `2xx` or `200-299,301`.
 * An empty spec means 2xx.
 */
export function matchesExpectedStatus(status: number, spec: string): boolean {
  const parts = (spec.trim() || '2xx').split(',').map((p) => p.trim()).filter(Boolean);
  return parts.some((p) => {
    const xx = /^([1-5])xx$/i.exec(p);
    if (xx) return Math.floor(status / 100) === Number(xx[1]);
    const range = /^(\d{3})\s*-\s*(\d{3})$/.exec(p);
    if (range) return status >= Number(range[1]) && status <= Number(range[2]);
    return /^\d{3}$/.test(p) && status === Number(p);
  });
}
