import type { ReactNode } from 'react';
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';

/** A calm "nothing here yet" panel: icon, one line of title, one of explanation, an optional action. */
export const EmptyState = ({ icon, title, description, action }: { icon?: ReactNode; title: string; description?: ReactNode; action?: ReactNode }) => (
  <Box
    role="status"
    sx={{
      textAlign: 'center',
      py: 8,
      px: 3,
      mx: 'auto',
      maxWidth: 520,
      color: 'text.secondary',
      '& .EmptyState-icon svg': { fontSize: 56, color: 'primary.main', opacity: 0.55 },
    }}
  >
    {icon && <Box className="EmptyState-icon" sx={{ mb: 1.5 }}>{icon}</Box>}
    <Typography variant="h6" color="text.primary" gutterBottom>
      {title}
    </Typography>
    {description && <Typography variant="body2">{description}</Typography>}
    {action && <Box sx={{ mt: 3 }}>{action}</Box>}
  </Box>
);
