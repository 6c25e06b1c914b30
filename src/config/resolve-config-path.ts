import { existsSync } from 'node:fs';

/** DESK_CONFIG if set; else config/desk.yaml when an admin made one; else the committed example. */
export function resolveDeskConfigPath(explicit: string | undefined): string {
  if (explicit) return explicit;
  return existsSync('config/desk.yaml') ? 'config/desk.yaml' : 'config/desk.example.yaml';
}
