import { useEffect, useState } from 'react';
import type { PlatformSession } from '@platform/sdk/admin';
import { consoleContributions } from '../plugins/consoleContributions.ts';

/** Icons enabled plugins contribute (`defineAdminPlugin({ icons })`); their chunks are already loaded by then. */
export function usePluginIcons(session: PlatformSession | undefined): Record<string, unknown> {
  const [icons, setIcons] = useState<Record<string, unknown>>({});
  useEffect(() => {
    let live = true;
    if (session) consoleContributions(session).then((c) => live && setIcons(c.icons), () => undefined);
    return () => {
      live = false;
    };
  }, [session]);
  return icons;
}
