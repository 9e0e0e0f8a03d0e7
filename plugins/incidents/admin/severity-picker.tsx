import { useQuery } from '@tanstack/react-query';
import { RadioButtonGroupInput, required } from 'react-admin';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import { useIncidentsApi, type SeverityLevel } from './incidents-api.ts';

/**
 * A radio button's value is text ("2"); the API takes the severity as a JSON number (bodies are not coerced:
 * a string there is a 400 naming `severity`), so the form keeps the number.
 */
export function severityOf(value: unknown): number | null {
  if (value === null || value === undefined || value === '') return null;
  return Number(value);
}

/** Severity choice with the SEV definitions visible (criteria, response, examples). */
export function SeverityPicker() {
  const api = useIncidentsApi();
  const levels = useQuery({ queryKey: ['incidents', 'severities'], queryFn: () => api<SeverityLevel[]>('/incidents/severities') });
  return (
    <>
      <RadioButtonGroupInput source="severity" validate={required()} parse={severityOf} choices={(levels.data ?? []).map((l) => ({ id: l.severity, name: l.label }))} />
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
