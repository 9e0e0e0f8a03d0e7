/**
 * The pages a person sees from the emailed verification link. Opening the link (GET) changes nothing: it shows what
 * confirming does and a button; the button posts to the same address, which verifies (once).
 */
const KIND_TEXT: Record<string, string> = {
  export: 'an export of your personal data',
  deletion: 'the deletion of your personal data',
  both: 'an export and then the deletion of your personal data',
};

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** No scripts, nothing loaded from elsewhere, never framed, never cached: the token is in the address. */
export const VERIFY_PAGE_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'cache-control': 'no-store',
  'referrer-policy': 'no-referrer',
} as const;

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:34rem;margin:4rem auto;padding:0 1rem;color:#222}button{font-size:1rem;padding:.6rem 1.2rem;cursor:pointer}</style></head>
<body><h1>${escapeHtml(title)}</h1>${body}</body></html>`;
}

/** The confirmation page: what the request is, and the button that confirms it (POST to the same link). */
export function confirmPage(kind: string, token: string): string {
  return page(
    'Confirm your request',
    `<p>Someone (we hope you) asked for ${escapeHtml(KIND_TEXT[kind] ?? 'a data protection request')}. Nothing happens until you confirm.</p>
<form method="post" action="/api/gdpr/verify/${encodeURIComponent(token)}"><button type="submit">Confirm my request</button></form>
<p>If you did not ask for this, close this page: the link expires on its own.</p>`,
  );
}

export function resultPage(title: string, message: string): string {
  return page(title, `<p>${escapeHtml(message)}</p>`);
}
