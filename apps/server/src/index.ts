export { buildApp, type SaudaApp, type AppRuntime } from './app.ts';
export { allMigrations, createModules, type Modules } from './modules.ts';
export { startServer } from './main.ts';
