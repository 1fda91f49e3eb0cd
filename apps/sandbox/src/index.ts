export { buildSandbox, startSandbox, type Simulator, type SandboxServer } from './sandbox.ts';
export { signatureHeader, WebhookSender, type Delivery } from './webhooks.ts';
