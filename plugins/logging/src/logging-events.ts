/** Events of the logging plugin (in-process, on the instance that stored the lines), for alerts and metrics. */
declare module '@platform/sdk' {
  interface PlatformEvents {
    /** A new error group appeared. */
    'logging.error_group_created': { fingerprint: string; errorType: string; message: string; service: string; tenantId: string | null };
    /** A resolved error group occurred again; it is unresolved again and flagged as a regression. */
    'logging.error_group_regressed': { fingerprint: string; errorType: string; message: string; service: string; tenantId: string | null; count: number };
    /** Every minute, for each group seen in the last five minutes (cluster-wide, from storage). */
    'logging.error_group_rate': { fingerprint: string; errorType: string; message: string; status: string; lastFiveMinutes: number; perMinute: number };
  }
}

export {};
