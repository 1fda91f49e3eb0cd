import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary } from '@zxcvbn-ts/language-common';

/** zxcvbn with the common-password lists; its 0–4 score drives the meter. */
const factory = new ZxcvbnFactory({ dictionary, graphs: adjacencyGraphs });

export const passwordScore = (password: string): number => factory.check(password).score;
