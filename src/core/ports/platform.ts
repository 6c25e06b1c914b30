/** Which chat platform something happened on, and who did it there. */
export const PLATFORMS = ['slack', 'teams', 'local'] as const;
export type Platform = (typeof PLATFORMS)[number];

/** Who did something, as the platform identifies them. */
export interface Actor {
  platform: Platform;
  userId: string;
}
