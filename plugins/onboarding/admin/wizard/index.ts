import { registerOnboardingStepPage } from '@platform/sdk/admin/onboarding-step-pages';
import type { AdminRouteDefinition, DashboardWidgetDefinition } from '@platform/sdk/admin';
import { BasicInfoPage } from './steps/basic-info-page.tsx';
import { FeaturesPage } from './steps/features-page.tsx';
import { ImportPage } from './steps/import-page.tsx';
import { PaymentsPage } from './steps/payments-page.tsx';
import { ShopifyPage } from './steps/shopify-page.tsx';
import { TeamPage } from './steps/team-page.tsx';
import { GuidedTourWidget } from './guided-tour.tsx';
import { WizardPage } from './wizard-page.tsx';

// The default steps' pages; another plugin's console entry may register a page for its own step or replace these.
registerOnboardingStepPage('basic-info', BasicInfoPage);
registerOnboardingStepPage('shopify', ShopifyPage);
registerOnboardingStepPage('payments', PaymentsPage);
registerOnboardingStepPage('features', FeaturesPage);
registerOnboardingStepPage('team', TeamPage);
registerOnboardingStepPage('import', ImportPage);

/** The wizard's console routes (merged by `admin/index.tsx`). */
export const WIZARD_ROUTES: AdminRouteDefinition[] = [
  { path: '/onboarding/wizard', component: WizardPage, navItem: 'onboarding.wizard' },
  { path: '/onboarding/wizard/:stepId', component: WizardPage, navItem: 'onboarding.wizard' },
];

export const WIZARD_WIDGETS: DashboardWidgetDefinition[] = [
  { id: 'onboarding.guided-tour', title: 'Getting started', component: GuidedTourWidget, size: 'medium', order: 1, audience: 'tenant', navItem: 'onboarding.wizard' },
];
