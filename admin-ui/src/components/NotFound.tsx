import { Title } from 'react-admin';
import { Link } from 'react-router-dom';
import Button from '@mui/material/Button';
import ExploreOffIcon from '@mui/icons-material/ExploreOff';
import { EmptyState } from './EmptyState.tsx';

const NotFound = () => (
  <>
    <Title title="Not found" />
    <EmptyState
      icon={<ExploreOffIcon />}
      title="This page is not available"
      description="It does not exist, or it is not enabled for you in the selected tenant."
      action={
        <Button component={Link} to="/" variant="outlined">
          Go to the dashboard
        </Button>
      }
    />
  </>
);

export default NotFound;
