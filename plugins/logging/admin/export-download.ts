/** Downloads `/api/logging/logs/export` for the current filters (fetch, so the tenant header goes along). */
export async function downloadExport(query: string, format: 'csv' | 'ndjson', headers: Record<string, string>): Promise<void> {
  const res = await fetch(`/api/logging/logs/export?${query}&format=${format}`, { headers, credentials: 'include' });
  if (!res.ok) {
    const body = await res.json().catch(() => null);
    throw new Error(body?.detail ?? `Export failed (${res.status})`);
  }
  const blob = await res.blob();
  const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? `logs.${format}`;
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
