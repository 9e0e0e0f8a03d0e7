const ID_LIKE = /^(?:[0-9a-f]{8}-[0-9a-f-]{27,}|\d+)$/i;

/**
 * `/tenants/<id>`, `/tenants/<id>/show`, `/tenants/create` → `/tenants`: a record page of one tenant
 * means nothing in another, so a tenant switch goes back to the list. Other paths stay.
 */
export function listPathOf(pathname: string): string {
  const parts = pathname.split('/').filter(Boolean);
  if (parts.length < 2) return pathname || '/';
  const last = parts[parts.length - 1];
  let keep = parts.length;
  if (last === 'show' && parts.length >= 3) keep = parts.length - 2;
  else if (last === 'create' || ID_LIKE.test(last)) keep = parts.length - 1;
  return keep === parts.length ? pathname : `/${parts.slice(0, keep).join('/')}`;
}
