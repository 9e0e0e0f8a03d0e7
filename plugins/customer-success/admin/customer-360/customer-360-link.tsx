import type { TenantListFieldProps } from '@platform/sdk/admin';
import { Link } from 'react-router-dom';

/** The tenant list's link to a tenant's customer 360 page. */
export function Customer360Link({ tenantId }: TenantListFieldProps) {
  return (
    <Link to={`/customers/${tenantId}`} onClick={(e) => e.stopPropagation()}>
      360
    </Link>
  );
}
