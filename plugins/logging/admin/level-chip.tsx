import Chip from '@mui/material/Chip';
import type { Level } from './logging-api.ts';

const COLOR = { error: 'error', warn: 'warning', info: 'info', debug: 'default' } as const;

/** A log level as a small colored chip. */
export function LevelChip({ level }: { level: Level }) {
  return <Chip size="small" label={level.toUpperCase()} color={COLOR[level]} variant={level === 'debug' ? 'outlined' : 'filled'} sx={{ fontFamily: 'monospace', minWidth: 64 }} />;
}
