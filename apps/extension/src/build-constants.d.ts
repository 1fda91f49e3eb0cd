/** Replaced at build time by wxt.config.ts (`SAUDA_API_URL`, default the local demo server). */
declare const __SAUDA_API_URL__: string;
