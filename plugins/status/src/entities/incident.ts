import { definePlatformEntity, Type, type BaseRow } from '@platform/sdk';
import { COMPONENT_STATUSES, INCIDENT_IMPACTS, INCIDENT_STATUSES, type IncidentImpact, type IncidentStatus } from '../status-vocabulary.ts';

/** One entry of an incident's public timeline. */
export interface IncidentUpdate {
  at: string;
  status: IncidentStatus;
  message: string;
}

export interface Incident extends BaseRow {
  title: string;
  status: IncidentStatus;
  impact: IncidentImpact;
  componentStatus: string;
  components: string[];
  /** Public text: shown on the status page as it is written. */
  message: string;
  startedAt: Date;
  resolvedAt: Date | null;
  updates: IncidentUpdate[];
  createdBy: string | null;
  metadata: Record<string, unknown>;
}

export const IncidentEntity = definePlatformEntity<Incident>({
  name: 'StatusIncident',
  tableName: 'status_incidents',
  properties: {
    title: { type: 'string' },
    status: { type: 'string' },
    impact: { type: 'string' },
    componentStatus: { type: 'string', fieldName: 'component_status', default: 'degraded_performance' },
    components: { type: 'json', default: [] },
    message: { type: 'text', default: '' },
    startedAt: { type: 'Date', fieldName: 'started_at' },
    resolvedAt: { type: 'Date', nullable: true, fieldName: 'resolved_at' },
    updates: { type: 'json', default: [] },
    createdBy: { type: 'string', nullable: true, fieldName: 'created_by' },
    metadata: { type: 'json', default: {} },
  },
});

export const IncidentInput = Type.Object({
  title: Type.String({ minLength: 1, maxLength: 200 }),
  status: Type.Union(INCIDENT_STATUSES.map((s) => Type.Literal(s))),
  impact: Type.Union(INCIDENT_IMPACTS.map((s) => Type.Literal(s))),
  componentStatus: Type.Optional(Type.Union(COMPONENT_STATUSES.map((s) => Type.Literal(s)))),
  components: Type.Optional(Type.Array(Type.String({ maxLength: 64 }), { maxItems: 50 })),
  message: Type.Optional(Type.String({ maxLength: 5000 })),
  startedAt: Type.Optional(Type.String({ format: 'date-time' })),
  metadata: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
});
