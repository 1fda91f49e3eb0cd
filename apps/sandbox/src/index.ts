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
export * from './simulators/affiliate-network-landing.ts';
