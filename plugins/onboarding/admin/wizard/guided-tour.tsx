import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import MobileStepper from '@mui/material/MobileStepper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useWizardApi, WIZARD_API, type SessionView } from './wizard-api.ts';

/** The tour's stops: what a new tenant admin should know about the console. */
export const TOUR_STOPS = [
  { title: 'Welcome to your console', text: 'This is where you run your brand: its setup, its modules, its team and its messages.' },
  { title: 'The menu', text: 'The menu on the left lists what your plan and your role give you. Modules you enable appear there.' },
  { title: 'Your dashboard', text: 'The dashboard shows your plan, your usage and the health of the services you rely on.' },
  { title: 'Set up your brand', text: 'The setup wizard connects Shopify and your payments, enables your modules and invites your team. You can leave it and come back any time.' },
];

/**
 * Dashboard card for tenant users: the guided tour, offered until dismissed for good (stored per user on the
 * server), and a way back into the setup wizard while it is not finished.
 */
export function GuidedTourWidget() {
  const api = useWizardApi();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const tour = useQuery({ queryKey: ['onboarding', 'tour'], queryFn: () => api<{ offered: boolean }>(`${WIZARD_API}/tour`) });
  const session = useQuery({ queryKey: ['onboarding', 'wizard-session'], queryFn: () => api<SessionView>(`${WIZARD_API}/session`) });
  const [open, setOpen] = useState<boolean | null>(null);
  const [stop, setStop] = useState(0);
  const offered = tour.data?.offered === true;
  const showing = open ?? offered;
  const dismiss = async () => {
    setOpen(false);
    await api(`${WIZARD_API}/tour/dismiss`, { method: 'POST', body: {} });
    await queryClient.invalidateQueries({ queryKey: ['onboarding', 'tour'] });
  };
  const unfinished = session.data && session.data.status !== 'completed';
  return (
    <Stack spacing={1} data-testid="onboarding-widget">
      {unfinished ? (
        <>
          <Typography variant="body2">Your brand is not live yet.</Typography>
          <Button variant="contained" onClick={() => navigate('/onboarding/wizard')} data-testid="continue-setup" sx={{ alignSelf: 'flex-start' }}>Continue setup</Button>
        </>
      ) : (
        <Typography variant="body2">Your brand is live.</Typography>
      )}
      <Button variant="text" onClick={() => { setStop(0); setOpen(true); }} sx={{ alignSelf: 'flex-start' }} data-testid="tour-open">Take the tour</Button>
      <Dialog open={showing && !tour.isLoading} onClose={() => setOpen(false)} data-testid="guided-tour">
        <DialogTitle>{TOUR_STOPS[stop].title}</DialogTitle>
        <DialogContent>
          <Typography>{TOUR_STOPS[stop].text}</Typography>
          <MobileStepper variant="dots" steps={TOUR_STOPS.length} position="static" activeStep={stop} backButton={<span />} nextButton={<span />} sx={{ mt: 2, justifyContent: 'center' }} />
        </DialogContent>
        <DialogActions>
          <Button onClick={() => void dismiss()} data-testid="tour-dismiss">Don't show again</Button>
          <Button onClick={() => setOpen(false)} data-testid="tour-later">Later</Button>
          {stop < TOUR_STOPS.length - 1 ? (
            <Button variant="contained" onClick={() => setStop(stop + 1)} data-testid="tour-next">Next</Button>
          ) : (
            <Button variant="contained" onClick={() => void dismiss()} data-testid="tour-done">Done</Button>
          )}
        </DialogActions>
      </Dialog>
    </Stack>
  );
}
