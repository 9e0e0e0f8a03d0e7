import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Title, useNotify, useRedirect } from 'react-admin';
import { useParams } from 'react-router-dom';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import Chip from '@mui/material/Chip';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useCanCall } from '@platform/sdk/admin/use-can-call';
import { errorText, useMessagingApi } from './messaging-api.ts';
import type { TemplateRow } from './template-list.tsx';
import { TemplateEditor, type EditorPaths } from './template-editor.tsx';

const LIST = '/messaging/my/templates';
const PATHS: EditorPaths = { list: LIST, edit: (id) => `${LIST}/${id}` };

/** One platform template as the tenant sees it: its own override, if it has one. */
interface TemplateChoice {
  platform: TemplateRow;
  override: TemplateRow | null;
}

/** The platform templates (and the tenant's overrides of them), as `GET /messaging/templates` shows a tenant caller. */
function useTemplates() {
  const api = useMessagingApi();
  return useQuery({
    queryKey: ['messaging', 'my-templates'],
    queryFn: async (): Promise<TemplateChoice[]> => {
      const rows = await api<TemplateRow[]>(`/messaging/templates?range=${encodeURIComponent('[0,499]')}&sort=${encodeURIComponent('["key","ASC"]')}`);
      const overrides = new Map(rows.filter((r) => r.tenantId && r.overridesPlatform).map((r) => [`${r.channel} ${r.key}`, r]));
      return rows.filter((r) => !r.tenantId).map((platform) => ({ platform, override: overrides.get(`${platform.channel} ${platform.key}`) ?? null }));
    },
  });
}

/**
 * The tenant admin's "Message templates": each platform template with whether the tenant uses the platform's
 * wording or its own. "Customize" starts an override from the platform's content (same key, channel and
 * variables: the editor validates against them), "Edit" opens the override, "Use platform version" archives
 * the override (rendering falls back to the platform template; its versions stay).
 */
export function MyTemplatesPage() {
  const api = useMessagingApi();
  const notify = useNotify();
  const redirect = useRedirect();
  const queryClient = useQueryClient();
  const templates = useTemplates();
  const { canCall: canWrite } = useCanCall('POST', '/messaging/templates');
  const [resetting, setResetting] = useState<TemplateRow | null>(null);
  const [error, setError] = useState<string | null>(null);

  const reset = async () => {
    if (!resetting) return;
    setError(null);
    try {
      await api(`/messaging/templates/${resetting.id}`, { method: 'DELETE' });
      notify('The platform version applies again', { type: 'success' });
      setResetting(null);
      await queryClient.invalidateQueries({ queryKey: ['messaging', 'my-templates'] });
    } catch (err) {
      setError(errorText(err));
    }
  };

  return (
    <>
      <Title title="Message templates" />
      <Card sx={{ mt: 2 }}>
        {templates.error && <Alert severity="error">{errorText(templates.error)}</Alert>}
        {templates.data && templates.data.length === 0 && <Typography sx={{ p: 2 }}>The platform has no message templates yet.</Typography>}
        {templates.data && templates.data.length > 0 && (
          <Table size="small" data-testid="my-templates">
            <TableHead>
              <TableRow>
                <TableCell>Key</TableCell>
                <TableCell>Channel</TableCell>
                <TableCell>Description</TableCell>
                <TableCell>In use</TableCell>
                <TableCell />
              </TableRow>
            </TableHead>
            <TableBody>
              {templates.data.map(({ platform, override }) => (
                <TableRow key={platform.id}>
                  <TableCell>{platform.key}</TableCell>
                  <TableCell>{platform.channel}</TableCell>
                  <TableCell>{platform.description}</TableCell>
                  <TableCell>{override ? <Chip size="small" color="primary" label="Your version" /> : <Chip size="small" label="Platform version" />}</TableCell>
                  <TableCell align="right">
                    {canWrite && !override && <Button size="small" onClick={() => redirect(`${LIST}/customize/${platform.id}`)}>Customize</Button>}
                    {override && <Button size="small" onClick={() => redirect(PATHS.edit(override.id))}>Edit</Button>}
                    {canWrite && override && <Button size="small" color="warning" onClick={() => setResetting(override)}>Use platform version</Button>}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </Card>
      <Dialog open={!!resetting} onClose={() => setResetting(null)}>
        <DialogTitle>Use the platform version of “{resetting?.key}”?</DialogTitle>
        <DialogContent>
          <Typography>Your messages will use the platform's wording again. Your version is kept in the history.</Typography>
          {error && <Alert severity="error" sx={{ mt: 1 }}>{error}</Alert>}
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setResetting(null)}>Cancel</Button>
          <Button color="warning" variant="contained" onClick={reset}>Use platform version</Button>
        </DialogActions>
      </Dialog>
    </>
  );
}

/** A new override of the platform template `:id`, starting from its content. */
export function MyTemplateCustomizePage() {
  const { id } = useParams();
  const api = useMessagingApi();
  const template = useQuery({ queryKey: ['messaging', 'template', id], queryFn: () => api<TemplateRow>(`/messaging/templates/${id}`) });
  return (
    <>
      <Title title={template.data ? `Customize ${template.data.key}` : 'Customize template'} />
      {template.error ? <Alert severity="error" sx={{ mt: 2 }}>{errorText(template.error)}</Alert> : template.data ? <TemplateEditor existing={null} basedOn={template.data} paths={PATHS} /> : null}
    </>
  );
}

/** The tenant's override `:id`: saving adds a version. */
export function MyTemplateEditPage() {
  const { id } = useParams();
  const api = useMessagingApi();
  const template = useQuery({ queryKey: ['messaging', 'template', id], queryFn: () => api<TemplateRow>(`/messaging/templates/${id}`) });
  return (
    <>
      <Title title={template.data ? `My template ${template.data.key}` : 'My template'} />
      {template.error ? <Alert severity="error" sx={{ mt: 2 }}>{errorText(template.error)}</Alert> : template.data ? <TemplateEditor key={template.data.id} existing={template.data} paths={PATHS} /> : null}
    </>
  );
}
