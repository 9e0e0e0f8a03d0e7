import { useQuery } from '@tanstack/react-query';
import { RadioButtonGroupInput, required } from 'react-admin';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import { useIncidentsApi, type SeverityLevel } from './incidents-api.ts';

/** Severity choice with the SEV definitions visible (criteria, response, examples). */
export function SeverityPicker() {
  const api = useIncidentsApi();
  const levels = useQuery({ queryKey: ['incidents', 'severities'], queryFn: () => api<SeverityLevel[]>('/incidents/severities') });
  return (
    <>
      <RadioButtonGroupInput source="severity" validate={required()} choices={(levels.data ?? []).map((l) => ({ id: l.severity, name: l.label }))} />
      <Table size="small" sx={{ mb: 2, maxWidth: 900 }}>
        <TableHead>
          <TableRow><TableCell>Level</TableCell><TableCell>Criteria</TableCell><TableCell>Response</TableCell><TableCell>Examples</TableCell></TableRow>
        </TableHead>
        <TableBody>
          {(levels.data ?? []).map((l) => (
            <TableRow key={l.severity}><TableCell>{l.label}</TableCell><TableCell>{l.criteria}</TableCell><TableCell>{l.response}</TableCell><TableCell>{l.examples}</TableCell></TableRow>
          ))}
        </TableBody>
      </Table>
    </>
  );
}
