#!/usr/bin/env node
import { Command } from 'commander';
import { runCli } from './commands.ts';

const program = new Command();
await runCli(program, process.argv);
