import { CreateButton, ExportButton, TopToolbar } from 'react-admin';
import { PublicStatusPageLink } from './public-status-page.tsx';

/** The status lists' actions, with a link to the public status page that shows what they publish. */
export const StatusListActions = () => (
  <TopToolbar>
    <PublicStatusPageLink />
    <CreateButton />
    <ExportButton />
  </TopToolbar>
);
