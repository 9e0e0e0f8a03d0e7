import { useInput } from 'react-admin';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import ButtonGroup from '@mui/material/ButtonGroup';
import Slider from '@mui/material/Slider';
import Typography from '@mui/material/Typography';
import { ROLLOUT_PRESETS } from './flag-types.ts';

/** A rollout percentage: a slider plus one-click presets (0/10/25/50/75/100). Empty means "everyone matched". */
export function RolloutSlider({ source, label = 'Rollout' }: { source: string; label?: string }) {
  const { field } = useInput({ source, defaultValue: 0 });
  const value = typeof field.value === 'number' ? field.value : 0;
  return (
    <Box sx={{ width: '100%', maxWidth: 560, my: 1 }}>
      <Typography variant="body2" color="text.secondary">
        {label}: <strong>{value}%</strong> of contexts
      </Typography>
      <Slider
        value={value}
        min={0}
        max={100}
        step={1}
        valueLabelDisplay="auto"
        marks={ROLLOUT_PRESETS.map((p) => ({ value: p, label: `${p}%` }))}
        onChange={(_, next) => field.onChange(next as number)}
        onBlur={field.onBlur}
        aria-label={label}
      />
      <ButtonGroup size="small" variant="outlined" aria-label="Rollout presets">
        {ROLLOUT_PRESETS.map((preset) => (
          <Button key={preset} variant={preset === value ? 'contained' : 'outlined'} onClick={() => field.onChange(preset)}>
            {preset}%
          </Button>
        ))}
      </ButtonGroup>
    </Box>
  );
}
