import { useEffect, useState } from 'react';
import type { PlatformSession } from '@platform/sdk/admin';
import { consoleContributions } from '../../plugins/consoleContributions.ts';
import type { ConsoleContributions } from '../../plugins/contributions.ts';

/** The columns enabled plugins add to the tenant list (`tenantListFields`); none until their entries load, or if they fail. */
export function useTenantListFields(session: PlatformSession | undefined): ConsoleContributions['tenantListFields'] {
  const [fields, setFields] = useState<ConsoleContributions['tenantListFields']>([]);
  useEffect(() => {
    if (!session) return;
    let live = true;
    consoleContributions(session).then(
      (c) => live && setFields(c.tenantListFields),
      () => live && setFields([]),
    );
    return () => {
      live = false;
    };
  }, [session]);
  return fields;
}
