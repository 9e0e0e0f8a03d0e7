import { useRef, useState } from 'react';
import { useNotify, useRefresh } from 'react-admin';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import Link from '@mui/material/Link';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { attachmentUrl, errorText, sizeText, STATUS_CHOICES, uploadAttachment, useSupportApi, type TicketDetail } from './support-api.ts';

/** The ticket's opening message and every reply, oldest first; internal notes are marked (staff only ever get them). */
export function TicketThread({ ticket }: { ticket: TicketDetail }) {
  const entries = [
    { id: 'opening', authorKind: 'tenant' as const, authorLabel: ticket.reporterName ?? ticket.reporterEmail, body: ticket.body, internal: false, createdAt: ticket.createdAt },
    ...ticket.messages,
  ];
  return (
    <Stack spacing={1} data-testid="ticket-thread">
      {entries.map((m) => (
        <Paper key={m.id} variant="outlined" sx={{ p: 1.5, bgcolor: m.internal ? 'warning.50' : m.authorKind === 'staff' ? 'action.hover' : undefined, borderStyle: m.internal ? 'dashed' : 'solid' }}>
          <Typography variant="caption" color="text.secondary">
            {m.authorLabel ?? 'unknown'} · {m.authorKind === 'staff' ? 'support' : 'customer'} · {new Date(m.createdAt).toLocaleString()}
            {m.internal ? ' · internal note' : ''}
          </Typography>
          <Typography sx={{ whiteSpace: 'pre-wrap' }}>{m.body}</Typography>
        </Paper>
      ))}
    </Stack>
  );
}

/** A reply box: for staff with "internal note" and "then set status", for tenants just the text. */
export function ReplyForm({ ticket, side }: { ticket: TicketDetail; side: 'tickets' | 'queue' }) {
  const api = useSupportApi();
  const refresh = useRefresh();
  const notify = useNotify();
  const [body, setBody] = useState('');
  const [internal, setInternal] = useState(false);
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);
  if (ticket.status === 'closed') return <Typography color="text.secondary">This ticket is closed.</Typography>;
  const send = async () => {
    setBusy(true);
    try {
      const payload = side === 'queue' ? { body, ...(internal ? { internal: true } : {}), ...(status ? { status } : {}) } : { body };
      await api(`/support/${side}/${ticket.id}/replies`, { method: 'POST', body: payload });
      setBody('');
      setStatus('');
      setInternal(false);
      notify(internal ? 'Note added' : 'Reply sent', { type: 'info' });
      refresh();
    } catch (err) {
      notify(errorText(err), { type: 'error' });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Box>
      <TextField label={internal ? 'Internal note' : 'Reply'} value={body} onChange={(e) => setBody(e.target.value)} multiline minRows={3} fullWidth inputProps={{ 'data-testid': 'reply-body', maxLength: 20000 }} />
      <Stack direction="row" spacing={2} alignItems="center" sx={{ mt: 1 }}>
        {side === 'queue' && (
          <>
            <FormControlLabel control={<Checkbox checked={internal} onChange={(e) => setInternal(e.target.checked)} />} label="Internal note" />
            <TextField select size="small" label="Then set status" value={status} onChange={(e) => setStatus(e.target.value)} sx={{ minWidth: 200 }}>
              <MenuItem value="">(automatic)</MenuItem>
              {STATUS_CHOICES.map((c) => <MenuItem key={c.id} value={c.id}>{c.name}</MenuItem>)}
            </TextField>
          </>
        )}
        <Button variant="contained" disabled={busy || !body.trim()} onClick={() => void send()} data-testid="reply-send">
          {internal ? 'Add note' : 'Send reply'}
        </Button>
      </Stack>
    </Box>
  );
}

/** The ticket's files (download links) and, when allowed, an upload button. */
export function AttachmentPanel({ ticket, side, canUpload }: { ticket: TicketDetail; side: 'tickets' | 'queue'; canUpload: boolean }) {
  const refresh = useRefresh();
  const notify = useNotify();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const upload = async (file: File | undefined) => {
    if (!file) return;
    setBusy(true);
    try {
      await uploadAttachment(side, ticket.id, file);
      notify(`Attached ${file.name}`, { type: 'info' });
      refresh();
    } catch (err) {
      notify(errorText(err), { type: 'error' });
    } finally {
      setBusy(false);
      if (input.current) input.current.value = '';
    }
  };
  return (
    <Box data-testid="attachments">
      {ticket.attachments.length === 0 ? (
        <Typography color="text.secondary">No attachments.</Typography>
      ) : (
        <Stack spacing={0.5}>
          {ticket.attachments.map((a) => (
            <Typography key={a.id} variant="body2">
              <Link href={attachmentUrl(side, ticket.id, a.id)} download={a.filename}>{a.filename}</Link> · {a.contentType} · {sizeText(a.size)} · {a.uploadedByKind === 'staff' ? 'support' : 'customer'}
            </Typography>
          ))}
        </Stack>
      )}
      {canUpload && ticket.status !== 'closed' && (
        <Box sx={{ mt: 1 }}>
          <input ref={input} type="file" hidden onChange={(e) => void upload(e.target.files?.[0])} data-testid="attachment-input" accept=".png,.jpg,.jpeg,.gif,.webp,.pdf,.txt,.log,.csv,.md,.json,.zip,.gz" />
          <Button size="small" variant="outlined" disabled={busy} onClick={() => input.current?.click()}>
            Attach a file
          </Button>
          <Typography variant="caption" color="text.secondary" sx={{ ml: 1 }}>
            Images, PDF, text, zip; the file's content must match its extension.
          </Typography>
        </Box>
      )}
    </Box>
  );
}
