import type { PluginContext, RegisterContext } from '@platform/sdk';
import { ONBOARDING_STEPS } from '@platform/sdk/onboarding';
import { ConnectionStore } from './connections/connection-store.ts';
import { addConnectionRoutes } from './connections/connection-routes.ts';
import { defineImportJob } from './import/import-job.ts';
import { ImportStore } from './import/import-store.ts';
import { SessionStore } from './session/session-store.ts';
import { WizardService } from './session/wizard-service.ts';
import { basicInfoStep } from './steps/basic-info-step.ts';
import { featuresStep } from './steps/features-step.ts';
import { importStep } from './steps/import-step.ts';
import { paymentsStep } from './steps/payments-step.ts';
import { shopifyStep } from './steps/shopify-step.ts';
import { teamStep } from './steps/team-step.ts';
import { addTourRoutes } from './tour-routes.ts';
import { WIZARD_NAV, WIZARD_PERMISSIONS } from './wizard-access.ts';
import { addWizardRoutes } from './wizard-routes.ts';
import { WIZARD_SETTINGS_PROPERTIES } from './wizard-settings.ts';
import { WIZARD_DATA } from './wizard-data.ts';

export interface WizardOptions {
  clock?: () => number;
}

/**
 * The brand onboarding wizard, one part of the onboarding plugin: `src/index.ts` merges its permissions, nav and
 * settings and calls `register` / `boot`. Tables in `migrations/0050_*` onwards.
 *
 * Routes under `/api/onboarding/wizard/`: `session`, `steps/:stepId` (PUT answers), `steps/:stepId/skip`,
 * `steps/:stepId/status`, `current`, `slug-availability`, `checklist`, `launch`, `shopify/authorize`,
 * `shopify/callback`, `shopify/webhooks` (public, HMAC), `stripe/authorize`, `stripe/callback`, `wise/token`,
 * `tour`, `tour/dismiss`. Job `onboarding.wizard-import`.
 */
export const WIZARD = {
  permissions: WIZARD_PERMISSIONS,
  nav: WIZARD_NAV,
  data: WIZARD_DATA,
  settingsProperties: WIZARD_SETTINGS_PROPERTIES,
  register(ctx: RegisterContext): void {
    ctx.extensions.declare(ONBOARDING_STEPS);
  },
  boot(ctx: PluginContext, options: WizardOptions = {}): WizardService {
    const clock = options.clock ?? Date.now;
    const connections = new ConnectionStore(ctx);
    const imports = new ImportStore(ctx.db);
    const defaults = [basicInfoStep(ctx), shopifyStep(connections), paymentsStep(connections), featuresStep(ctx), teamStep(), importStep(ctx, imports, connections, clock)];
    const wizard = new WizardService(ctx, new SessionStore(ctx.db), defaults);
    addWizardRoutes(ctx, wizard);
    addConnectionRoutes(ctx, connections);
    addTourRoutes(ctx);
    defineImportJob(ctx, imports, connections);
    return wizard;
  },
};
