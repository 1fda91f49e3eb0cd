export { createTestDatabase, type TestDatabase } from './database.ts';
export { testConfig } from './config.ts';
export { useTestApp, type TestContext, type TestAppOptions } from './app.ts';
export { TestSmtpServer, readMail, type ReceivedMail } from './smtp.ts';
export * from './bench.ts';
export { cpuPerRequest, cpuSnapshot, type CpuSnapshot } from './cpu-time.ts';
