/** The request metrics every API response feeds. */
export const API_REQUESTS_TOTAL = 'api_requests_total';
export const API_REQUEST_DURATION_MS = 'api_request_duration_ms';
/** Where unmatched paths go once too many distinct ones were seen. */
export const UNMATCHED_OVERFLOW_ROUTE = ':unmatched';
