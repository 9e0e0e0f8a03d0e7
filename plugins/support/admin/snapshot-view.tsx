import type { ReactNode } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import type { Snapshot, SnapshotSection } from './support-api.ts';

const time = (iso: string | null | undefined) => (iso ? new Date(iso).toLocaleString() : '—');

function Section<T>({ title, section, children }: { title: string; section: SnapshotSection<T>; children: (data: T) => ReactNode }) {
  return (
    <Box sx={{ mb: 2 }} data-testid={`snapshot-${title.toLowerCase().replace(/\W+/g, '-')}`}>
      <Typography variant="subtitle1" sx={{ fontWeight: 600 }}>
        {title}
      </Typography>
      {section.status === 'ok' ? (
        children(section.data)
      ) : section.status === 'unavailable' ? (
        <Alert severity="info">Not available: {section.reason}</Alert>
      ) : (
        <Alert severity="warning">Could not be read: {section.error}</Alert>
      )}
    </Box>
  );
}

function SimpleTable({ head, rows, empty }: { head: string[]; rows: ReactNode[][]; empty: string }) {
  if (!rows.length) return <Typography color="text.secondary">{empty}</Typography>;
  return (
    <Table size="small">
      <TableHead>
        <TableRow>{head.map((h) => <TableCell key={h}>{h}</TableCell>)}</TableRow>
      </TableHead>
      <TableBody>
        {rows.map((cells, i) => (
          <TableRow key={i}>{cells.map((c, j) => <TableCell key={j} sx={{ verticalAlign: 'top', wordBreak: 'break-word' }}>{c}</TableCell>)}</TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

const mono = (text: string | null | undefined) => (text ? <Box component="code" sx={{ fontSize: 12 }}>{text}</Box> : '—');

/** A debug snapshot, section by section, as tables a person reads (never raw JSON). */
export function SnapshotView({ snapshot }: { snapshot: Snapshot }) {
  const s = snapshot.sections;
  return (
    <Box data-testid="snapshot-view">
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
        Taken {time(snapshot.takenAt)} by {snapshot.takenByLabel ?? 'unknown'}; {snapshot.redactedCount} secret value{snapshot.redactedCount === 1 ? '' : 's'} redacted.
      </Typography>
      <Section title="Health" section={s.health}>
        {(h) => (
          <>
            <Stack direction="row" spacing={1} sx={{ mb: 1 }}>
              <Chip size="small" label={`Platform: ${h.status.replace('_', ' ')}`} color={h.status === 'operational' ? 'success' : 'warning'} />
              {h.scheduler && <Chip size="small" variant="outlined" label={`Scheduler ${h.scheduler.alive ? 'alive' : 'not running'}`} />}
            </Stack>
            <SimpleTable head={['Component', 'Tier', 'Status', 'Response', 'Checked']} rows={h.components.map((c) => [c.name, c.tier, c.status, c.responseTimeMs === null ? '—' : `${c.responseTimeMs} ms`, time(c.lastCheckedAt)])} empty="No monitors configured." />
          </>
        )}
      </Section>
      <Section title="Recent errors" section={s.errors}>
        {(errors) => (
          <SimpleTable
            head={['Time', 'Service', 'Message', 'Request id']}
            rows={errors.map((e) => [time(e.timestamp), `${e.service} · ${e.action}`, <>{e.message}{e.error ? <Typography variant="caption" display="block" color="text.secondary">{e.error.type}: {e.error.message}</Typography> : null}</>, mono(e.requestId)])}
            empty="No errors logged for this tenant recently."
          />
        )}
      </Section>
      <Section title="Feature flags for the reporter" section={s.flags}>
        {(f) => <SimpleTable head={['Flag', 'On', 'Value', 'Why']} rows={f.evaluations.map((e) => [mono(e.key), e.enabled ? 'yes' : 'no', JSON.stringify(e.value), `${e.reason.toLowerCase()} (${e.rule})`])} empty="No flags defined." />}
      </Section>
      <Section title="Plan and usage" section={s.plan}>
        {(p) => (
          <>
            <Typography sx={{ mb: 1 }}>
              {p.plan.plan ? `${p.plan.plan.name} (${p.plan.plan.key})` : 'No plan'}
              {p.plan.inTrial ? `, in trial until ${time(p.plan.trialEndsAt)}` : ''}
              {p.plan.billingPeriod ? `; period ${time(p.plan.billingPeriod.start)} – ${time(p.plan.billingPeriod.end)}` : ''}
            </Typography>
            <SimpleTable head={['Meter', 'Used', 'Limit', 'Status']} rows={p.usage.map((m) => [m.label, `${m.used}${m.unit ? ` ${m.unit}` : ''}`, m.limit === null ? 'unlimited' : String(m.limit), m.status])} empty="No usage recorded." />
          </>
        )}
      </Section>
      <Section title="Recent audit entries" section={s.audit}>
        {(entries) => <SimpleTable head={['Time', 'Who', 'Action', 'Target', 'Request id']} rows={entries.map((a) => [time(a.at), a.actorLabel ?? a.actorType, mono(a.action), a.targetType ? `${a.targetType}${a.targetId ? ` ${a.targetId.slice(0, 8)}` : ''}` : '—', mono(a.requestId)])} empty="No audit entries." />}
      </Section>
    </Box>
  );
}
