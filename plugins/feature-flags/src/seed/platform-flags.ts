import { draftFromCreate, type FlagDraft } from '../model/flag-draft.ts';

const OWNER = 'platform';

/**
 * The 14 platform flags of the seed (platform-operations phase 2b, week 9). All start off except
 * new-tenant signup; the critical ones carry the kill-switch marker.
 */
export const PLATFORM_FLAGS: FlagDraft[] = [
  draftFromCreate({ key: 'platform.maintenance_mode', name: 'Maintenance mode', type: 'boolean', description: 'Shows the maintenance page and refuses writes while on.', killSwitch: true, tags: ['platform', 'operations'] }),
  draftFromCreate({ key: 'platform.new_tenant_signup', name: 'New tenant signup', type: 'boolean', description: 'Lets new tenants sign up on their own.', enabled: true, killSwitch: true, tags: ['platform'] }),
  draftFromCreate({ key: 'checkout.new_flow', name: 'New checkout flow', type: 'percentage', description: 'The redesigned checkout, rolled out by percentage of users.', targeting: { rollouts: [{ percentage: 0, stickiness: 'userId' }] }, tags: ['checkout'] }),
  draftFromCreate({ key: 'checkout.express_pay', name: 'Express pay', type: 'boolean', description: 'One-click express payment buttons in checkout.', tags: ['checkout', 'payments'] }),
  draftFromCreate({ key: 'payments.wise_enabled', name: 'Wise payouts', type: 'tenant_list', description: 'Payouts through Wise for the listed tenants.', killSwitch: true, targeting: { enabledTenants: [] }, tags: ['payments'] }),
  draftFromCreate({ key: 'payments.instant_payouts', name: 'Instant payouts', type: 'tenant_list', description: 'Instant payouts for the listed tenants.', killSwitch: true, targeting: { enabledTenants: [] }, tags: ['payments'] }),
  draftFromCreate({ key: 'mcp.streaming_enabled', name: 'MCP streaming', type: 'percentage', description: 'Streaming responses from the MCP server.', targeting: { rollouts: [{ percentage: 0, stickiness: 'tenantId' }] }, tags: ['mcp'] }),
  draftFromCreate({ key: 'mcp.tools_v2', name: 'MCP tools v2', type: 'user_list', description: 'The second generation of MCP tools for the listed users.', targeting: { enabledUsers: [] }, tags: ['mcp'] }),
  draftFromCreate({ key: 'ai.review_moderation', name: 'AI review moderation', type: 'boolean', description: 'Moderates product reviews with AI before they are published.', killSwitch: true, tags: ['ai'] }),
  draftFromCreate({ key: 'ai.product_descriptions', name: 'AI product descriptions', type: 'tenant_list', description: 'Generates product descriptions with AI for the listed tenants.', targeting: { enabledTenants: [] }, tags: ['ai'] }),
  draftFromCreate({ key: 'creators.v2_portal', name: 'Creators portal v2', type: 'percentage', description: 'The new creators portal, rolled out by percentage of users.', targeting: { rollouts: [{ percentage: 0, stickiness: 'userId' }] }, tags: ['creators'] }),
  draftFromCreate({ key: 'creators.self_service_onboarding', name: 'Creator self-service onboarding', type: 'boolean', description: 'Creators onboard themselves without an account manager.', tags: ['creators'] }),
  draftFromCreate({ key: 'admin.realtime_dashboard', name: 'Realtime admin dashboard', type: 'boolean', description: 'Live-updating widgets on the admin dashboard.', tags: ['admin'] }),
  draftFromCreate({ key: 'admin.ai_insights', name: 'AI insights', type: 'boolean', description: 'AI-generated insights on the admin dashboard.', tags: ['admin', 'ai'] }),
].map((flag) => ({ ...flag, owner: OWNER }));
