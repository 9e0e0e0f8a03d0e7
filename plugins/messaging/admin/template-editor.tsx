import { useEffect, useRef, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Title, useNotify, useRedirect } from 'react-admin';
import { useParams } from 'react-router-dom';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Chip from '@mui/material/Chip';
import Grid from '@mui/material/Grid';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useCanCall } from '@platform/sdk/admin/use-can-call';
import { useDebouncedValue } from '@platform/sdk/admin/use-debounced-value';
import { CHANNEL_CHOICES, errorText, problemField, useMessagingApi, type Channel } from './messaging-api.ts';
import type { TemplateRow } from './template-list.tsx';
import { TemplateVariablesEditor } from './template-variables-editor.tsx';
import { draftOf, variableOf, type VariableDraft } from './template-variable-draft.ts';
import { SegmentCounter, type SegmentCount } from './segment-counter.tsx';

type Part = 'body' | 'subject' | 'html' | 'text';

/** Where the editor goes back to, and where a created template is edited (staff pages, or the tenant admin's). */
export interface EditorPaths {
  list: string;
  edit(id: string): string;
}
const STAFF_PATHS: EditorPaths = { list: '/messaging/templates', edit: (id) => `/messaging/templates/${id}` };

interface Validation {
  valid: boolean;
  variables: string[];
  unused: string[];
  errors: { field: string; code: string; message: string; name?: string; line?: number }[];
  preview: { channel: 'sms'; body: string } | { channel: 'email'; subject: string; html: string | null; text: string; textGenerated: boolean } | null;
  segments: (SegmentCount & { of: 'preview' | 'source' }) | null;
}

interface Draft {
  key: string;
  channel: Channel;
  description: string;
  language: string;
  variables: VariableDraft[];
  parts: Record<Part, string>;
}

const PARTS: Record<Channel, { part: Part; label: string; rows: number }[]> = {
  sms: [{ part: 'body', label: 'SMS text', rows: 5 }],
  email: [
    { part: 'subject', label: 'Subject', rows: 1 },
    { part: 'html', label: 'HTML', rows: 8 },
    { part: 'text', label: 'Text part (generated from the HTML when empty)', rows: 4 },
  ],
};

function draftFrom(t: TemplateRow | null): Draft {
  const current = t ? t.current[t.defaultLanguage] ?? Object.values(t.current)[0] : null;
  return {
    key: t?.key ?? '',
    channel: t?.channel ?? 'sms',
    description: t?.description ?? '',
    language: current?.language ?? t?.defaultLanguage ?? 'en',
    variables: (t?.variables ?? []).map(draftOf),
    parts: { body: current?.body ?? '', subject: current?.subject ?? '', html: current?.html ?? '', text: current?.text ?? '' },
  };
}

/** The content parts of a channel, empty ones left out (the text part of an email is then generated). */
function contentOf(d: Draft): Partial<Record<Part, string>> {
  return Object.fromEntries(PARTS[d.channel].map(({ part }) => [part, d.parts[part]]).filter(([, v]) => v !== '')) as Partial<Record<Part, string>>;
}

/**
 * The template editor: key and channel (new templates), declared variables, the content parts with a
 * variable picker that inserts `{{name}}` at the cursor, a live preview and the problems of the draft
 * (a debounced `POST /messaging/templates/validate` as one types, each error shown on its field), and for
 * SMS the segment counter (encoding, segments, characters left in the segment).
 */
export function TemplateEditor({ existing, basedOn = null, paths = STAFF_PATHS }: {
  existing: TemplateRow | null;
  /** A new template starting as a copy of this one, with its key and channel (a tenant's override of a platform template). */
  basedOn?: TemplateRow | null;
  paths?: EditorPaths;
}) {
  const api = useMessagingApi();
  const notify = useNotify();
  const redirect = useRedirect();
  const [draft, setDraft] = useState<Draft>(() => draftFrom(existing ?? basedOn));
  const keyLocked = !!existing || !!basedOn;
  const [saveError, setSaveError] = useState<{ field: string | null; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const focused = useRef<{ part: Part; el: HTMLInputElement | HTMLTextAreaElement } | null>(null);
  const { canCall: canSave } = useCanCall(existing ? 'PATCH' : 'POST', existing ? '/messaging/templates/:id' : '/messaging/templates');

  const request = { channel: draft.channel, variables: draft.variables.filter((v) => v.name.trim()).map(variableOf), ...contentOf(draft) };
  const debounced = useDebouncedValue(JSON.stringify(request), 300);
  const validation = useQuery({
    queryKey: ['messaging', 'template-validate', debounced],
    queryFn: ({ signal }) => api<Validation>('/messaging/templates/validate', { method: 'POST', body: JSON.parse(debounced), signal }),
    placeholderData: (previous) => previous,
  });
  const errorFor = (field: string): string | null => {
    const e = validation.data?.errors.find((x) => x.field === field || x.field.startsWith(`${field}.`) || x.field.startsWith(`${field}/`));
    if (e) return e.message + (e.line ? ` (line ${e.line})` : '');
    return saveError?.field === field ? saveError.text : null;
  };
  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));
  const setPart = (part: Part, v: string) => setDraft((d) => ({ ...d, parts: { ...d.parts, [part]: v } }));
  /** Switching to a language the template has loads its current version; a new language starts from what is there. */
  const changeLanguage = (language: string) => {
    const version = existing?.current[language];
    setDraft((d) => ({ ...d, language, ...(version ? { parts: { body: version.body ?? '', subject: version.subject ?? '', html: version.html ?? '', text: version.text ?? '' } } : {}) }));
  };

  const insertVariable = (name: string) => {
    const target = focused.current ?? { part: PARTS[draft.channel][0].part, el: null as unknown as HTMLTextAreaElement };
    const text = draft.parts[target.part];
    const token = `{{${name}}}`;
    const at = target.el?.selectionStart ?? text.length;
    const end = target.el?.selectionEnd ?? at;
    setPart(target.part, text.slice(0, at) + token + text.slice(end));
    requestAnimationFrame(() => {
      target.el?.focus();
      target.el?.setSelectionRange(at + token.length, at + token.length);
    });
  };

  const save = async () => {
    setBusy(true);
    setSaveError(null);
    try {
      const body = { description: draft.description, variables: request.variables, language: draft.language, ...contentOf(draft) };
      if (existing) {
        await api(`/messaging/templates/${existing.id}`, { method: 'PATCH', body });
        notify('New version saved', { type: 'success' });
      } else {
        const created = await api<{ id: string }>('/messaging/templates', { method: 'POST', body: { ...body, key: draft.key, channel: draft.channel } });
        notify('Template created', { type: 'success' });
        redirect(paths.edit(created.id));
      }
    } catch (err) {
      setSaveError({ field: problemField(err), text: errorText(err) });
    } finally {
      setBusy(false);
    }
  };

  const v = validation.data;
  const declared = draft.variables.map((x) => x.name.trim()).filter(Boolean);
  const generalErrors = (v?.errors ?? []).filter((e) => !['body', 'subject', 'html', 'text'].some((p) => e.field === p || e.field.startsWith(`${p}.`)) && !e.field.startsWith('variables'));

  return (
    <Grid container spacing={2} sx={{ mt: 1 }}>
      <Grid size={{ xs: 12, md: 7 }}>
        <Card>
          <CardContent>
            <Stack spacing={2}>
              <Stack direction="row" spacing={2}>
                <TextField label="Key" name="key" value={draft.key} disabled={keyLocked} onChange={(e) => set({ key: e.target.value })} error={saveError?.field === 'key'} helperText={saveError?.field === 'key' ? saveError.text : 'e.g. invoice.issued'} sx={{ flex: 1, minWidth: 220 }} />
                <TextField select label="Channel" value={draft.channel} disabled={keyLocked} onChange={(e) => set({ channel: e.target.value as Channel })} sx={{ width: 130, flexShrink: 0 }}>
                  {CHANNEL_CHOICES.map((c) => <MenuItem key={c.id} value={c.id}>{c.name}</MenuItem>)}
                </TextField>
                <TextField label="Language" value={draft.language} onChange={(e) => changeLanguage(e.target.value)} sx={{ width: 110, flexShrink: 0 }} error={saveError?.field === 'language'} />
              </Stack>
              {existing && (
                <Typography variant="body2" color="text.secondary">
                  Languages: {existing.languages.map((l) => `${l} (v${existing.current[l]?.version ?? '?'})`).join(', ') || 'none'} · saving adds a new version of “{draft.language}”{existing.current[draft.language] ? '' : ' (a new language)'}
                </Typography>
              )}
              <TextField label="Description" value={draft.description} onChange={(e) => set({ description: e.target.value })} fullWidth />
              <Typography variant="subtitle2">Variables</Typography>
              <TemplateVariablesEditor value={draft.variables} onChange={(variables) => set({ variables })} errorFor={errorFor} />
              <Box>
                <Typography variant="subtitle2" gutterBottom>Insert a variable</Typography>
                <Stack direction="row" spacing={1} useFlexGap flexWrap="wrap" data-testid="variable-picker">
                  {declared.length === 0 && <Typography variant="body2" color="text.secondary">Declare variables above to insert them.</Typography>}
                  {declared.map((name) => (
                    <Chip key={name} label={name} size="small" clickable color={v?.unused.includes(name) ? 'default' : 'primary'} onMouseDown={(e) => e.preventDefault()} onClick={() => insertVariable(name)} />
                  ))}
                </Stack>
              </Box>
              {PARTS[draft.channel].map(({ part, label, rows }) => {
                const err = errorFor(part);
                return (
                  <TextField
                    key={part}
                    name={part}
                    label={label}
                    value={draft.parts[part]}
                    onChange={(e) => setPart(part, e.target.value)}
                    onFocus={(e) => (focused.current = { part, el: e.target })}
                    multiline={rows > 1}
                    minRows={rows}
                    error={!!err}
                    helperText={err ?? (part === 'html' ? 'CSS is inlined when sent' : undefined)}
                    fullWidth
                    slotProps={{ htmlInput: { style: { fontFamily: 'monospace' } } }}
                  />
                );
              })}
              {draft.channel === 'sms' && v?.segments && <SegmentCounter count={v.segments} />}
              {generalErrors.map((e, i) => <Alert key={i} severity="error">{e.field ? `${e.field}: ` : ''}{e.message}</Alert>)}
              {saveError && !saveError.field && <Alert severity="error">{saveError.text}</Alert>}
              {saveError && saveError.field && !['key', 'language', ...PARTS[draft.channel].map((p) => p.part)].includes(saveError.field) && <Alert severity="error">{saveError.field}: {saveError.text}</Alert>}
              <Stack direction="row" spacing={1}>
                {canSave && <Button variant="contained" disabled={busy || (v ? !v.valid : false) || (!existing && !draft.key)} onClick={save}>{existing ? 'Save new version' : basedOn ? 'Save my version' : 'Create template'}</Button>}
                <Button onClick={() => redirect(paths.list)}>Back</Button>
              </Stack>
            </Stack>
          </CardContent>
        </Card>
      </Grid>
      <Grid size={{ xs: 12, md: 5 }}>
        <Card data-testid="template-preview">
          <CardContent>
            <Typography variant="subtitle1" gutterBottom>Preview {validation.isFetching && <Typography component="span" variant="caption" color="text.secondary">updating…</Typography>}</Typography>
            {validation.error && <Alert severity="error">{errorText(validation.error)}</Alert>}
            {v && !v.preview && <Typography color="text.secondary">{v.errors.length ? 'Fix the problems to see the preview.' : 'Write the content to see it rendered with the samples.'}</Typography>}
            {v?.preview?.channel === 'sms' && (
              <Box sx={{ bgcolor: 'action.hover', borderRadius: 2, p: 1.5, whiteSpace: 'pre-wrap', fontFamily: 'system-ui' }} data-testid="preview-sms">{v.preview.body}</Box>
            )}
            {v?.preview?.channel === 'email' && (
              <Stack spacing={1}>
                <Typography variant="body2"><b>Subject:</b> {v.preview.subject}</Typography>
                {v.preview.html && <iframe title="HTML preview" sandbox="" srcDoc={v.preview.html} style={{ width: '100%', height: 280, border: '1px solid #ddd', borderRadius: 4 }} />}
                <Typography variant="caption" color="text.secondary">Text part{v.preview.textGenerated ? ' (generated)' : ''}</Typography>
                <Box sx={{ whiteSpace: 'pre-wrap', fontFamily: 'monospace', fontSize: 12 }}>{v.preview.text}</Box>
              </Stack>
            )}
            {v && v.unused.length > 0 && <Typography variant="caption" color="text.secondary">Declared but unused: {v.unused.join(', ')}</Typography>}
          </CardContent>
        </Card>
      </Grid>
    </Grid>
  );
}

export function TemplateCreate() {
  return (
    <>
      <Title title="New message template" />
      <TemplateEditor existing={null} />
    </>
  );
}

export function TemplateEdit() {
  const { id } = useParams();
  const api = useMessagingApi();
  const template = useQuery({ queryKey: ['messaging', 'template', id], queryFn: () => api<TemplateRow>(`/messaging/templates/${id}`) });
  return (
    <>
      <Title title={template.data ? `Template ${template.data.key}` : 'Template'} />
      {template.error ? <Alert severity="error" sx={{ mt: 2 }}>{errorText(template.error)}</Alert> : template.data ? <TemplateEditor key={template.data.id} existing={template.data} /> : null}
    </>
  );
}
