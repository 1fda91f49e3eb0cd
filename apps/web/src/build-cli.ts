import { buildWeb } from './build.ts';

// `npm run build:web`: always a fresh build, for deployments.
const { directory } = await buildWeb({ force: true });
process.stdout.write(`web app built into ${directory}\n`);
