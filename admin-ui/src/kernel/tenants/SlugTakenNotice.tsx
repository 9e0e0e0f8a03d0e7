import { Link } from 'react-router-dom';
import Alert from '@mui/material/Alert';
import type { SlugHolder } from './slugHolder.ts';

/** Says which tenant already has the slug, with a link to it. */
export const SlugTakenNotice = ({ holder }: { holder: SlugHolder }) => (
  <Alert severity="warning" role="alert" sx={{ width: '100%', maxWidth: 760, mb: 1 }}>
    The slug <b>{holder.slug}</b> is taken by the tenant{' '}
    <Link to={`/tenants/${encodeURIComponent(holder.id)}`}>{holder.name}</Link>. Choose another slug, or open that tenant.
  </Alert>
);
