import { useEffect } from 'react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import OpenInNewIcon from '@mui/icons-material/OpenInNew';

/** Where the server serves the public status page: outside `/api` and outside the console's client-side routes. */
export const PUBLIC_STATUS_PATH = '/status';

/** Opens the public status page in a new tab (a full page load: the console's router never handles it). */
export const PublicStatusPageLink = () => (
  <Button size="small" component="a" href={PUBLIC_STATUS_PATH} target="_blank" rel="noopener" startIcon={<OpenInNewIcon />}>
    Public status page
  </Button>
);

/**
 * The console's route at `/status`, reached only by client-side navigation (a typed URL or a reload gets the
 * server's page): hands over to the server's page with a full load.
 */
export const PublicStatusRedirect = () => {
  useEffect(() => {
    window.location.replace(PUBLIC_STATUS_PATH);
  }, []);
  return (
    <Box sx={{ p: 3 }}>
      <Typography>
        Opening the <a href={PUBLIC_STATUS_PATH}>public status page</a>…
      </Typography>
    </Box>
  );
};
