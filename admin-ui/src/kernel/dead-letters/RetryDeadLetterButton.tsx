import { useState } from 'react';
import { Confirm, useDataProvider, useNotify, useRecordContext, useRefresh } from 'react-admin';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import ReplayIcon from '@mui/icons-material/Replay';
import type { DeadLetter, PlatformDataProvider } from '../../api/dataProvider.ts';
import { attemptsWord } from './deadLetterDisplay.ts';

/** Queues one dead delivery again, after a confirmation; the list refreshes and the row is gone. */
export const RetryDeadLetterButton = () => {
  const letter = useRecordContext<DeadLetter>();
  const dataProvider = useDataProvider<PlatformDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  if (!letter) return null;

  const retry = async () => {
    setBusy(true);
    try {
      await dataProvider.retryDeadLetter(letter.eventId, letter.subscriber);
      notify(`Event #${letter.eventId} queued again for ${letter.subscriber}`, { type: 'success' });
    } catch (err) {
      // A 404 means someone else retried it first: the refresh below shows the current state either way.
      notify((err as Error).message, { type: 'error' });
    } finally {
      setBusy(false);
      setConfirming(false);
      refresh();
    }
  };

  return (
    <>
      <Button
        size="small"
        startIcon={busy ? <CircularProgress size={14} /> : <ReplayIcon />}
        disabled={busy}
        aria-label={`Retry ${letter.name} for ${letter.subscriber}`}
        sx={{ whiteSpace: 'nowrap' }}
        onClick={(e) => {
          e.stopPropagation();
          setConfirming(true);
        }}
      >
        Retry
      </Button>
      <Confirm
        isOpen={confirming}
        loading={busy}
        title="Retry this delivery?"
        content={`Event #${letter.eventId} (${letter.name}) goes back to ${letter.subscriber} with ${attemptsWord(letter.maxAttempts)} to succeed. Make sure the cause of the failure is fixed first.`}
        confirm="Retry"
        onConfirm={retry}
        onClose={() => setConfirming(false)}
      />
    </>
  );
};
