export type ContextPropertyValue = string | number | boolean | null | undefined;

/**
 * Who and what a flag is evaluated for. On the server, `tenantId` and `userId` come from the
 * authenticated request, never from a client's body.
 */
export interface EvaluationContext {
  tenantId?: string;
  userId?: string;
  /** The tenant's plan key, for plan targeting. */
  plan?: string;
  sessionId?: string;
  remoteAddress?: string;
  environment?: string;
  appName?: string;
  /** The time DATE_* constraints on `currentTime` compare against; default the evaluation's `now`. */
  currentTime?: Date | string | number;
  /** Any other attribute, addressable by constraints and stickiness. */
  properties?: Record<string, ContextPropertyValue>;
}

/** The context attribute `name` as a string: a top-level field first, then `properties`. Empty: undefined. */
export function contextValue(context: EvaluationContext, name: string): string | undefined {
  let raw: unknown;
  switch (name) {
    case 'tenantId':
      raw = context.tenantId;
      break;
    case 'userId':
      raw = context.userId;
      break;
    case 'plan':
      raw = context.plan;
      break;
    case 'sessionId':
      raw = context.sessionId;
      break;
    case 'remoteAddress':
      raw = context.remoteAddress;
      break;
    case 'environment':
      raw = context.environment;
      break;
    case 'appName':
      raw = context.appName;
      break;
    case 'currentTime':
      raw = context.currentTime;
      break;
    default:
      raw = undefined;
  }
  if (raw === undefined || raw === null) raw = context.properties?.[name];
  if (raw === undefined || raw === null || raw === '') return undefined;
  if (raw instanceof Date) return raw.toISOString();
  return typeof raw === 'string' ? raw : String(raw);
}
