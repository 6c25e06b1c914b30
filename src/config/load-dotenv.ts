import { existsSync } from 'node:fs';

/**
 * Reads `.env` (as `.env.example` tells the admin to create) into process.env. Variables already
 * set in the real environment win (ENV_FILE names another file): Node's loader never overwrites them, so a process manager's
 * or container's settings beat the file. Returns whether a file was read, for the start-up log.
 */
export function loadDotEnv(path = process.env.ENV_FILE ?? '.env'): boolean {
  if (!existsSync(path)) return false;
  process.loadEnvFile(path);
  return true;
}
