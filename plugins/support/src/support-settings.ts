import { Type, type Static } from '@platform/sdk';

export const TICKET_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type TicketPriority = (typeof TICKET_PRIORITIES)[number];

const minutes = (def: number, what: string) => Type.Integer({ minimum: 1, maximum: 525_600, default: def, description: `${what}, in minutes` });

const SlaTargets = (firstResponse: number, resolution: number) =>
  Type.Object(
    { firstResponseMinutes: Type.Optional(minutes(firstResponse, 'Time to the first staff reply')), resolutionMinutes: Type.Optional(minutes(resolution, 'Time to solved')) },
    { additionalProperties: false, default: { firstResponseMinutes: firstResponse, resolutionMinutes: resolution } },
  );

/**
 * The support plugin's settings (platform-wide; `PUT /api/plugins/support/settings` or the console's plugin settings):
 * the SLA targets per priority, attachment limits, and where new-ticket emails for staff go.
 */
export const SupportSettingsSchema = Type.Object(
  {
    sla: Type.Optional(Type.Object(
      {
        low: Type.Optional(SlaTargets(24 * 60, 7 * 24 * 60)),
        normal: Type.Optional(SlaTargets(8 * 60, 3 * 24 * 60)),
        high: Type.Optional(SlaTargets(2 * 60, 24 * 60)),
        urgent: Type.Optional(SlaTargets(30, 4 * 60)),
      },
      { additionalProperties: false, default: {}, description: 'SLA targets per priority; a priority or a field left out keeps its default' },
    )),
    maxAttachmentBytes: Type.Optional(Type.Integer({ minimum: 1, maximum: 25 * 1024 * 1024, default: 10 * 1024 * 1024, description: 'Largest attachment accepted' })),
    staffInbox: Type.Optional(Type.String({ maxLength: 320, description: 'Email address told about every new ticket (none when empty)' })),
    platformName: Type.Optional(Type.String({ maxLength: 100, default: 'Support', description: 'Name shown in support emails' })),
  },
  { additionalProperties: false },
);

export type SupportSettings = Static<typeof SupportSettingsSchema>;
export interface SlaTarget {
  firstResponseMinutes: number;
  resolutionMinutes: number;
}

export const DEFAULT_SLA: Record<TicketPriority, SlaTarget> = {
  low: { firstResponseMinutes: 24 * 60, resolutionMinutes: 7 * 24 * 60 },
  normal: { firstResponseMinutes: 8 * 60, resolutionMinutes: 3 * 24 * 60 },
  high: { firstResponseMinutes: 2 * 60, resolutionMinutes: 24 * 60 },
  urgent: { firstResponseMinutes: 30, resolutionMinutes: 4 * 60 },
};
export const DEFAULT_MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
/** The route's body limit: no setting can raise the limit above this. */
export const HARD_MAX_ATTACHMENT_BYTES = 25 * 1024 * 1024;

/** The settings with every default applied (stored settings may be partial). */
export function resolvedSettings(stored: Partial<SupportSettings> | undefined): { sla: Record<TicketPriority, SlaTarget>; maxAttachmentBytes: number; staffInbox: string | null; platformName: string } {
  const sla = { ...DEFAULT_SLA };
  for (const p of TICKET_PRIORITIES) {
    const given = (stored?.sla as Record<string, Partial<SlaTarget>> | undefined)?.[p];
    if (given) sla[p] = { ...DEFAULT_SLA[p], ...given };
  }
  return {
    sla,
    maxAttachmentBytes: Math.min(stored?.maxAttachmentBytes ?? DEFAULT_MAX_ATTACHMENT_BYTES, HARD_MAX_ATTACHMENT_BYTES),
    staffInbox: stored?.staffInbox || null,
    platformName: stored?.platformName || 'Support',
  };
}
