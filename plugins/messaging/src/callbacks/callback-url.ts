/** Where a configuration's status callbacks / events arrive: what the provider is told in each send. */
export function callbackUrlOf(baseUrl: string, configId: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/api/messaging/callbacks/${configId}`;
}
