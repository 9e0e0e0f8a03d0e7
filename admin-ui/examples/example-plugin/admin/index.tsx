/**
 * Console entry for the `example` fixture plugin (test/fixtures/example-plugin).
 *
 * Proposed content of `test/fixtures/example-plugin/admin/index.tsx` (the console discovers that path);
 * kept here until the fixture's owner moves it. A complete plugin console part in one file:
 * a CRUD resource whose console path (`/example-notes`, the manifest's nav path) differs from its API
 * path (`/api/example/notes`), a dashboard widget with a chart, and an icon for its nav item.
 */
import {
  BooleanField,
  BooleanInput,
  Create,
  Datagrid,
  DateField,
  Edit,
  List,
  SearchInput,
  SimpleForm,
  TextField,
  TextInput,
  required,
  useDataProvider,
  type DataProvider,
} from 'react-admin';
import { useQuery } from '@tanstack/react-query';
import { Cell, Pie, PieChart, ResponsiveContainer, Tooltip } from 'recharts';
import Box from '@mui/material/Box';
import Skeleton from '@mui/material/Skeleton';
import Typography from '@mui/material/Typography';
import StickyNote2Icon from '@mui/icons-material/StickyNote2';
import { defineAdminPlugin, type ConsoleApi, type DashboardWidgetProps } from '@platform/sdk/admin';

const NoteList = () => (
  <List title="Notes" filters={[<SearchInput key="q" source="q" alwaysOn />]} sort={{ field: 'createdAt', order: 'DESC' }}>
    <Datagrid rowClick="edit" bulkActionButtons={false}>
      <TextField source="title" label="Title" />
      <BooleanField source="done" label="Done" />
      <DateField source="createdAt" label="Created" showTime />
    </Datagrid>
  </List>
);

const NoteForm = () => (
  <SimpleForm>
    <TextInput source="title" label="Title" validate={required()} />
    <TextInput source="body" label="Body" multiline minRows={4} />
    <BooleanInput source="done" label="Done" />
  </SimpleForm>
);

const NoteCreate = () => (
  <Create title="New note" redirect="list">
    <NoteForm />
  </Create>
);

const NoteEdit = () => (
  <Edit title="Edit note" mutationMode="pessimistic">
    <NoteForm />
  </Edit>
);

interface NoteStats {
  total: number;
  done: number;
  greeting: string;
}

const NotesWidget = ({ tenantId }: DashboardWidgetProps) => {
  const dataProvider = useDataProvider<DataProvider & ConsoleApi>();
  const stats = useQuery({ queryKey: ['example', 'stats', tenantId], queryFn: () => dataProvider.api<NoteStats>('/example/stats'), enabled: !!tenantId });
  if (!tenantId)
    return (
      <Typography variant="body2" color="text.secondary">
        Select a tenant to see its notes.
      </Typography>
    );
  if (stats.isPending) return <Skeleton variant="rounded" height={140} />;
  if (stats.error) return <Typography color="error">{(stats.error as Error).message}</Typography>;
  const { total, done } = stats.data;
  const data = [
    { name: 'Done', value: done },
    { name: 'Open', value: Math.max(total - done, 0) },
  ];
  return (
    <Box sx={{ display: 'flex', alignItems: 'center', gap: 2 }}>
      <Box sx={{ width: 120, height: 120 }}>
        <ResponsiveContainer>
          <PieChart>
            <Pie data={total ? data : [{ name: 'None', value: 1 }]} dataKey="value" innerRadius={36} outerRadius={56} strokeWidth={0} isAnimationActive={false}>
              {(total ? data : [{ name: 'None' }]).map((d, i) => (
                <Cell key={d.name} fill={total ? ['#4f46e5', '#cbd5e1'][i] : '#e2e8f0'} />
              ))}
            </Pie>
            {total ? <Tooltip /> : null}
          </PieChart>
        </ResponsiveContainer>
      </Box>
      <Box>
        <Typography variant="h4" component="p" sx={{ fontWeight: 700 }}>
          {total}
        </Typography>
        <Typography variant="body2" color="text.secondary">
          notes, {done} done
        </Typography>
        <Typography variant="caption" color="text.secondary">
          Greeting setting: “{stats.data.greeting}”
        </Typography>
      </Box>
    </Box>
  );
};

export default defineAdminPlugin({
  name: 'example',
  resources: [{ name: 'example-notes', apiPath: 'example/notes', list: NoteList, create: NoteCreate, edit: NoteEdit, recordRepresentation: 'title', options: { label: 'Notes' } }],
  dashboardWidgets: [{ id: 'example.notes', title: 'Notes', component: NotesWidget, size: 'medium', permission: 'example.read' }],
  icons: { StickyNote2: StickyNote2Icon },
});
