export { buildSandbox, startSandbox, type Simulator, type SandboxServer } from './sandbox.ts';
export { signatureHeader, WebhookSender, type Delivery } from './webhooks.ts';
export {
  createSmsGatewaySimulator,
  SMS_GATEWAY_SANDBOX_KEY,
  SMS_GATEWAY_UNREACHABLE_PREFIX,
  type SimulatedSms,
  type SmsGatewayOptions,
} from './simulators/sms-gateway.ts';
export * from './simulators/kyc-aggregator.ts';
export * from './simulators/kaspi.ts';
export * from './simulators/whatsapp-business.ts';
export { systemScheduler, TaskGroup, type Scheduler } from './scheduler.ts';
export { createAffiliateNetworkSimulator } from './simulators/affiliate-network.ts';
export {
  AFFILIATE_NETWORK_SANDBOX_SECRET,
  type AffiliateNetworkOptions,
  type AffiliateNetworkSimulator,
  type NetworkClick,
  type PlaceOrderInput,
} from './simulators/affiliate-network-contract.ts';
export {
  ACTION_STATUSES,
  AffiliateNetworkInputError,
  OrderCommandError,
  type ActionStatus,
  type NetworkAction,
  type NetworkOrder,
  type OrderCommand,
  type OrderItem,
} from './simulators/affiliate-network-orders.ts';
export type { PostbackAttempt } from './simulators/affiliate-network-postbacks.ts';
export {
  AFFILIATE_NETWORK_DEMO_CHAOS,
  AffiliateNetworkSettingsError,
  DEFAULT_AFFILIATE_NETWORK_SETTINGS,
  type AffiliateNetworkChaos,
  type AffiliateNetworkSettings,
  type AffiliateNetworkSettingsPatch,
  type PostbackRetryPolicy,
} from './simulators/affiliate-network-settings.ts';
export { STATISTICS_DEFAULT_LIMIT, STATISTICS_MAX_LIMIT } from './simulators/affiliate-network-statistics.ts';
