import Box from '@mui/material/Box';
import Skeleton from '@mui/material/Skeleton';

/** Shown while the session, nav and plugin entries load (sign-in, tenant switch): the layout's outline. */
export const BootSkeleton = () => (
  <Box sx={{ minHeight: '100vh', bgcolor: 'background.default' }} aria-busy="true" aria-label="Loading the console">
    <Box sx={{ height: 48, px: 2, display: 'flex', alignItems: 'center', gap: 2, bgcolor: 'background.paper', borderBottom: 1, borderColor: 'divider' }}>
      <Skeleton variant="rounded" width={28} height={28} />
      <Skeleton width={140} />
      <Box sx={{ flex: 1 }} />
      <Skeleton variant="rounded" width={180} height={30} />
      <Skeleton variant="circular" width={30} height={30} />
    </Box>
    <Box sx={{ display: 'flex' }}>
      <Box sx={{ width: 232, p: 2, display: { xs: 'none', md: 'block' } }}>
        {Array.from({ length: 8 }, (_, i) => (
          <Skeleton key={i} height={34} sx={{ my: 0.5 }} />
        ))}
      </Box>
      <Box sx={{ flex: 1, p: 3 }}>
        <Skeleton width={220} height={40} />
        <Skeleton variant="rounded" height={320} sx={{ mt: 2 }} />
      </Box>
    </Box>
  </Box>
);
