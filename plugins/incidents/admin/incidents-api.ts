import { useDataProvider, type DataProvider } from 'react-admin';
import type { ConsoleApi } from '@platform/sdk/admin';

export type IncidentStatus = 'investigating' | 'identified' | 'monitoring' | 'resolved';

export interface SeverityLevel {
  severity: 1 | 2 | 3 | 4;
  label: string;
  criteria: string;
  response: string;
  examples: string;
  postmortemRequired: boolean;
}

export interface TimelineEntry {
  id: string;
  at: string;
  entryType: string;
  message: string;
  correctsEntryId: string | null;
  author: string;
}

export interface ActionItem {
  title: string;
  owner: string;
  dueDate: string | null;
  status: 'open' | 'in_progress' | 'done';
}

export interface Postmortem {
  whatHappened: string | null;
  impact: string | null;
  rootCause: string | null;
  lessonsLearned: string | null;
  actionItems: ActionItem[];
  updatedByLabel: string | null;
  updatedAt: string;
}

export interface IncidentDetail {
  id: string;
  title: string;
  severity: 1 | 2 | 3 | 4;
  status: IncidentStatus;
  affectedSystems: string[];
  statusPageMessage: string | null;
  publishToStatusPage: boolean;
  description: string | null;
  startedAt: string;
  resolvedAt: string | null;
  createdByLabel: string;
  resolvedByLabel: string | null;
  durationMinutes: number;
  severityLevel: SeverityLevel;
  postmortemRequired: boolean;
  postmortemComplete: boolean;
  timeline: TimelineEntry[];
  postmortem: Postmortem | null;
  alerts: { alertId: string; ruleName: string; severity: string; labels: Record<string, string>; linkedAt: string }[];
}

export const STATUSES: IncidentStatus[] = ['investigating', 'identified', 'monitoring', 'resolved'];

export function useIncidentsApi(): ConsoleApi['api'] {
  const dataProvider = useDataProvider<DataProvider & ConsoleApi>();
  return dataProvider.api.bind(dataProvider);
}

export function durationText(minutes: number | null): string {
  if (minutes === null) return '—';
  if (minutes < 60) return `${minutes} min`;
  const h = Math.floor(minutes / 60);
  return h < 48 ? `${h} h ${minutes % 60} min` : `${Math.round(h / 24)} days`;
}
