/** `@platform/sdk/incidents`: the incidents capability's contract (statuses, severities, status-page updates). */
export * from '../incidents.ts';
