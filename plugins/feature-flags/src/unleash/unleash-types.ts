/** Unleash's client API shapes (`/api/client/features`), as far as the adapter reads them. */

export interface UnleashConstraint {
  contextName: string;
  operator: string;
  values?: string[];
  value?: string;
  inverted?: boolean;
  caseInsensitive?: boolean;
}

export interface UnleashVariant {
  name: string;
  weight: number;
  weightType?: string;
  stickiness?: string;
  payload?: { type: string; value: string };
  overrides?: { contextName: string; values: string[] }[];
}

export interface UnleashStrategy {
  name: string;
  parameters?: Record<string, string | number | undefined>;
  constraints?: UnleashConstraint[];
  segments?: number[];
  variants?: UnleashVariant[];
  disabled?: boolean;
}

export interface UnleashFeature {
  name: string;
  enabled: boolean;
  description?: string | null;
  type?: string;
  strategies?: UnleashStrategy[];
  variants?: UnleashVariant[];
  dependencies?: { feature: string; enabled?: boolean; variants?: string[] }[];
  impressionData?: boolean;
}

export interface UnleashSegment {
  id: number;
  constraints: UnleashConstraint[];
}

export interface UnleashContext {
  userId?: string;
  sessionId?: string;
  remoteAddress?: string;
  environment?: string;
  appName?: string;
  currentTime?: string | Date;
  properties?: Record<string, string | number | null | undefined>;
  [field: string]: unknown;
}

/** What an Unleash SDK's `getVariant` returns. */
export interface UnleashVariantResult {
  name: string;
  enabled: boolean;
  payload?: { type: string; value: string };
  feature_enabled: boolean;
}
