/** The request metrics every API response feeds (what API SLOs read). */
export const API_REQUESTS_TOTAL = 'api_requests_total';
export const API_REQUEST_DURATION_MS = 'api_request_duration_ms';
/**
 * Responses of routes that declare `traffic: 'polling'` or `'stream'` (the console and monitors watching the
 * platform: health and metrics reads, live tails), reported apart with `type` = the traffic kind: they never
 * count against API SLOs, nor in "why is it red".
 */
export const MONITORING_REQUESTS_TOTAL = 'monitoring_requests_total';
export const MONITORING_REQUEST_DURATION_MS = 'monitoring_request_duration_ms';
/** Where unmatched paths go once too many distinct ones were seen. */
export const UNMATCHED_OVERFLOW_ROUTE = ':unmatched';
