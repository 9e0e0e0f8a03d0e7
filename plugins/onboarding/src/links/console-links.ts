/** Links into the console's public pages, on the platform's public base URL (`PUBLIC_URL`). */
export function consoleLink(baseUrl: string, page: 'accept-invitation' | 'reset-password' | 'verify-signup', token: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/${page}?token=${encodeURIComponent(token)}`;
}
