/** What the command-line scripts share: the project root and the environment, or a usage exit. */
import { resolve } from 'node:path';
import { EnvironmentError, readEnvironment, type AlmanacEnvironment } from '../src/build/env.ts';

export const PROJECT_ROOT = resolve(import.meta.dirname, '..');

/** The environment, or `undefined` after printing `<command>: <what is wrong>` (exit code 2). */
export function environmentFor(command: string): AlmanacEnvironment | undefined {
  try {
    return readEnvironment(process.env, { root: PROJECT_ROOT });
  } catch (error) {
    if (!(error instanceof EnvironmentError)) throw error;
    console.error(`${command}: ${error.message}`);
    return undefined;
  }
}
