import { useEffect } from 'react';
import { useLocation } from 'react-router-dom';
import { documentTitle, pageNameOf, tenantNameOf } from './documentTitle.ts';
import { useSession } from './useSession.ts';

/** Keeps the browser tab's title on the page and the tenant: "Incidents · Acme · Platform". */
export function useDocumentTitle(): void {
  const { pathname } = useLocation();
  const { session } = useSession();
  const title = documentTitle({ page: pageNameOf(pathname, session?.nav), tenant: tenantNameOf(session) });
  useEffect(() => {
    document.title = title;
  }, [title]);
}
