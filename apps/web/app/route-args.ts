import type { ActionFunctionArgs, AppLoadContext, LoaderFunctionArgs } from 'react-router';
import './load-context.ts';

/** Loader and action arguments with the server's load context typed (React Router leaves it `any`). */
export type LoaderArgs = LoaderFunctionArgs<AppLoadContext>;
export type ActionArgs = ActionFunctionArgs<AppLoadContext>;
