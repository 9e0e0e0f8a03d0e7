import { definePlatformEntity, Type, type BaseRow } from '@platform/sdk';
import { MAINTENANCE_STATUSES, type MaintenanceStatus } from '../status-vocabulary.ts';

export interface MaintenanceWindow extends BaseRow {
  title: string;
  description: string;
  scheduledStart: Date;
  scheduledEnd: Date;
  actualStart: Date | null;
  actualEnd: Date | null;
  status: MaintenanceStatus;
  affectsPortal: boolean;
  affectsCrm: boolean;
  /** Component ids under maintenance; empty means every component. */
  components: string[];
  createdBy: string | null;
  metadata: Record<string, unknown>;
}

export const MaintenanceWindowEntity = definePlatformEntity<MaintenanceWindow>({
  name: 'StatusMaintenanceWindow',
  tableName: 'status_maintenance_windows',
  properties: {
    title: { type: 'string' },
    description: { type: 'text', default: '' },
    scheduledStart: { type: 'Date', fieldName: 'scheduled_start' },
    scheduledEnd: { type: 'Date', fieldName: 'scheduled_end' },
    actualStart: { type: 'Date', nullable: true, fieldName: 'actual_start' },
    actualEnd: { type: 'Date', nullable: true, fieldName: 'actual_end' },
    status: { type: 'string', default: 'scheduled' },
    affectsPortal: { type: 'boolean', default: true, fieldName: 'affects_portal' },
    affectsCrm: { type: 'boolean', default: false, fieldName: 'affects_crm' },
    components: { type: 'json', default: [] },
    createdBy: { type: 'string', nullable: true, fieldName: 'created_by' },
    metadata: { type: 'json', default: {} },
  },
});

export const MaintenanceWindowInput = Type.Object({
  title: Type.String({ minLength: 1, maxLength: 200 }),
  description: Type.Optional(Type.String({ maxLength: 5000 })),
  scheduledStart: Type.String({ format: 'date-time' }),
  scheduledEnd: Type.String({ format: 'date-time' }),
  status: Type.Optional(Type.Union(MAINTENANCE_STATUSES.map((s) => Type.Literal(s)))),
  affectsPortal: Type.Optional(Type.Boolean()),
  affectsCrm: Type.Optional(Type.Boolean()),
  components: Type.Optional(Type.Array(Type.String({ maxLength: 64 }), { maxItems: 50 })),
  metadata: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
});
