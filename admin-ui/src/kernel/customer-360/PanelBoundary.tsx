import { Component, type ErrorInfo, type ReactNode } from 'react';
import { QueryErrorResetBoundary } from '@tanstack/react-query';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';

interface Props {
  title: string;
  onReset: () => void;
  children: ReactNode;
}

class Boundary extends Component<Props, { error: Error | null }> {
  state = { error: null as Error | null };
  static getDerivedStateFromError(error: Error) {
    return { error };
  }
  componentDidCatch(error: Error, info: ErrorInfo) {
    console.error(`[console] customer 360 panel "${this.props.title}" failed`, error, info.componentStack);
  }
  render() {
    if (!this.state.error) return this.props.children;
    return (
      <Alert
        severity="error"
        data-testid="panel-error"
        action={
          <Button
            color="inherit"
            size="small"
            onClick={() => {
              this.props.onReset();
              this.setState({ error: null });
            }}
          >
            Retry
          </Button>
        }
      >
        {this.props.title} could not be loaded: {this.state.error.message}
      </Alert>
    );
  }
}

/** One panel's error state (the message and a retry that refetches its failed queries); the other panels are untouched. */
export const PanelBoundary = ({ title, children }: { title: string; children: ReactNode }) => (
  <QueryErrorResetBoundary>
    {({ reset }) => (
      <Boundary title={title} onReset={reset}>
        {children}
      </Boundary>
    )}
  </QueryErrorResetBoundary>
);
