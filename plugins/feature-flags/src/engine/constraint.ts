export type ConstraintOperator =
  | 'IN'
  | 'NOT_IN'
  | 'STR_CONTAINS'
  | 'STR_STARTS_WITH'
  | 'STR_ENDS_WITH'
  | 'NUM_EQ'
  | 'NUM_GT'
  | 'NUM_GTE'
  | 'NUM_LT'
  | 'NUM_LTE'
  | 'DATE_AFTER'
  | 'DATE_BEFORE'
  | 'SEMVER_EQ'
  | 'SEMVER_GT'
  | 'SEMVER_GTE'
  | 'SEMVER_LT'
  | 'SEMVER_LTE'
  /** The context value is an IP address inside one of `values` (addresses or CIDR ranges, IPv4 or IPv6). */
  | 'IN_CIDR'
  /** The context value contains a match of the RE2 pattern in `value` (linear time; `caseInsensitive` honoured). */
  | 'REGEX';

export const CONSTRAINT_OPERATORS: readonly ConstraintOperator[] = [
  'IN',
  'NOT_IN',
  'STR_CONTAINS',
  'STR_STARTS_WITH',
  'STR_ENDS_WITH',
  'NUM_EQ',
  'NUM_GT',
  'NUM_GTE',
  'NUM_LT',
  'NUM_LTE',
  'DATE_AFTER',
  'DATE_BEFORE',
  'SEMVER_EQ',
  'SEMVER_GT',
  'SEMVER_GTE',
  'SEMVER_LT',
  'SEMVER_LTE',
  'IN_CIDR',
  'REGEX',
];

/**
 * A condition on one context attribute, in Unleash's wire shape: list operators (IN, NOT_IN,
 * STR_*, IN_CIDR) read `values`; single-value operators (NUM_*, DATE_*, SEMVER_*, REGEX) read `value`.
 */
export interface Constraint {
  /** A context field (`userId`, `tenantId`, `plan`, `environment`, `currentTime`...) or a key of `properties`. */
  contextName: string;
  operator: ConstraintOperator;
  values?: string[];
  value?: string;
  /** Negates the operator's result. */
  inverted?: boolean;
  /** For STR_* operators: compare lower-cased. */
  caseInsensitive?: boolean;
}
