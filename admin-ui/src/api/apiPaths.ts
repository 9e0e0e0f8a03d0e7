/**
 * Console resource name → API path under /api, for plugin resources whose console path differs from
 * their API path (`{ name: 'example-notes', apiPath: 'example/notes' }`). Filled from the plugin entries.
 */
const apiPaths = new Map<string, string>();

export function registerApiPaths(paths: Iterable<[resource: string, apiPath: string]>): void {
  for (const [resource, apiPath] of paths) apiPaths.set(resource, apiPath.replace(/^\/+|\/+$/g, '').replace(/^api\//, ''));
}

export function apiPathOf(resource: string): string {
  return apiPaths.get(resource) ?? resource;
}
