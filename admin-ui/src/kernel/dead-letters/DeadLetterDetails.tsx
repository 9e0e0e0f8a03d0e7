import type { ReactNode } from 'react';
import { useRecordContext } from 'react-admin';
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import type { DeadLetter } from '../../api/dataProvider.ts';
import { relativeTime } from '../format.ts';
import { prettyPayload } from './deadLetterDisplay.ts';

const Block = ({ label, children }: { label: string; children: ReactNode }) => (
  <Box component="section" aria-label={label} sx={{ minWidth: 0 }}>
    <Typography variant="overline" color="text.secondary">
      {label}
    </Typography>
    <Box
      component="pre"
      sx={{ m: 0, p: 1.5, borderRadius: 1, bgcolor: 'action.hover', fontFamily: 'monospace', fontSize: '0.78rem', whiteSpace: 'pre-wrap', wordBreak: 'break-word', maxHeight: 360, overflow: 'auto' }}
    >
      {children}
    </Box>
  </Box>
);

/** The expanded row: the payload as indented JSON and the whole last error (stack included). */
export const DeadLetterDetails = () => {
  const letter = useRecordContext<DeadLetter>();
  if (!letter) return null;
  return (
    <Box sx={{ py: 1.5, display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', md: '1fr 1fr' } }}>
      <Block label="Payload">{prettyPayload(letter.payload)}</Block>
      <Block label="Last error">{letter.lastError ?? 'No error was recorded.'}</Block>
      <Typography variant="caption" color="text.secondary" sx={{ gridColumn: '1 / -1' }}>
        Event #{letter.eventId} emitted {relativeTime(letter.createdAt)} ({new Date(letter.createdAt).toLocaleString()})
      </Typography>
    </Box>
  );
};
