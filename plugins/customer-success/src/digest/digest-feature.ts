import type { PluginContext, RegisterContext } from '@platform/sdk';
import { DIGEST_SECTIONS } from '@platform/sdk/customer-health';
import { MESSAGE_TEMPLATE_DEFAULTS } from '@platform/sdk/messaging';
import type { ScoreStore } from '../score/score-store.ts';
import { addDigestRoutes } from './digest-routes.ts';
import { defineDailyDigestJob } from './digest-sender.ts';
import { DigestSubscriptionStore } from './digest-subscription-store.ts';
import { DIGEST_TEMPLATE } from './digest-template.ts';
import { contributeScoreDigestSections } from './score-digest-sections.ts';

/** The daily digest (issue 21, item 3): declares `DIGEST_SECTIONS` and seeds the email template into messaging. */
export function registerDigest(ctx: RegisterContext): void {
  ctx.extensions.declare(DIGEST_SECTIONS);
  ctx.extensions.contribute(MESSAGE_TEMPLATE_DEFAULTS, DIGEST_TEMPLATE);
}

/** Its own sections (score drops, renewals at risk), routes and the `customer-success.daily-digest` job. */
export function bootDigest(ctx: PluginContext, scores: ScoreStore, clock: () => Date): void {
  const store = new DigestSubscriptionStore(ctx.db);
  contributeScoreDigestSections(ctx, scores);
  addDigestRoutes(ctx, store, clock);
  defineDailyDigestJob(ctx, store, clock);
}
