import { Datagrid, FunctionField, List, Pagination } from 'react-admin';
import Box from '@mui/material/Box';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import TaskAltIcon from '@mui/icons-material/TaskAlt';
import type { DeadLetter } from '../../api/dataProvider.ts';
import { EmptyState } from '../../components/EmptyState.tsx';
import { useSession } from '../../layout/useSession.ts';
import { relativeTime } from '../format.ts';
import { DeadLetterDetails } from './DeadLetterDetails.tsx';
import { RetryDeadLetterButton } from './RetryDeadLetterButton.tsx';
import { attemptsLabel, clipText, errorHeadline } from './deadLetterDisplay.ts';

const mono = { fontFamily: 'monospace', fontSize: '0.85rem' } as const;

const LastError = ({ error }: { error: string | null }) =>
  error ? (
    <Tooltip title={<Box component="span" sx={{ whiteSpace: 'pre-wrap', fontFamily: 'monospace', fontSize: '0.72rem' }}>{clipText(error, 1200)}</Box>} slotProps={{ tooltip: { sx: { maxWidth: 640 } } }}>
      <Box component="span" sx={{ color: 'error.main', display: 'inline-block', maxWidth: 320, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap', verticalAlign: 'bottom' }}>
        {errorHeadline(error)}
      </Box>
    </Tooltip>
  ) : (
    <>—</>
  );

/**
 * Durable event deliveries that used all their attempts, newest event first, paged by the API.
 * A row expands to the payload and the whole error; Retry queues the delivery again.
 */
const DeadLetterList = () => {
  const { can } = useSession();
  return (
    <List
      title="Dead letters"
      perPage={25}
      pagination={<Pagination rowsPerPageOptions={[25, 50, 100]} />}
      actions={false}
      empty={
        <EmptyState
          icon={<TaskAltIcon />}
          title="No dead letters — every event was delivered"
          description="A durable event handler that keeps failing lands here once it has used all its attempts. Fix the cause, then retry it from this page."
        />
      }
    >
      <Datagrid bulkActionButtons={false} rowClick="expand" expand={<DeadLetterDetails />}>
        <FunctionField
          label="Event"
          sortable={false}
          render={(l: DeadLetter) => (
            <>
              <Typography sx={mono}>{l.name}</Typography>
              <Typography variant="caption" color="text.secondary">
                #{l.eventId}
              </Typography>
            </>
          )}
        />
        <FunctionField label="Subscriber" sortable={false} render={(l: DeadLetter) => <Typography sx={{ ...mono, whiteSpace: 'nowrap' }}>{l.subscriber}</Typography>} />
        <FunctionField label="Attempts" sortable={false} render={(l: DeadLetter) => attemptsLabel(l.attempts, l.maxAttempts)} />
        <FunctionField label="Last error" sortable={false} render={(l: DeadLetter) => <LastError error={l.lastError} />} />
        <FunctionField
          label="Last attempt"
          sortable={false}
          render={(l: DeadLetter) =>
            l.lastAttemptAt ? (
              <Tooltip title={new Date(l.lastAttemptAt).toLocaleString()}>
                <Box component="span" sx={{ whiteSpace: 'nowrap' }}>
                  {relativeTime(l.lastAttemptAt)}
                </Box>
              </Tooltip>
            ) : (
              'never'
            )
          }
        />
        {can('events.retry') && <RetryDeadLetterButton />}
      </Datagrid>
    </List>
  );
};

export default DeadLetterList;
