import { z } from 'zod';
import { PLATFORMS } from './ports.js';

/** `platform:userId` as admins write it (Teams ids contain colons themselves: only the first one splits). */
const CustomerRefSchema = z
  .string()
  .trim()
  .transform((s) => ({ platform: s.slice(0, s.indexOf(':')), userId: s.slice(s.indexOf(':') + 1) }))
  .pipe(z.object({ platform: z.enum(PLATFORMS), userId: z.string().min(1) }));

export type CustomerRef = z.infer<typeof CustomerRefSchema>;

export function parseCustomerRef(text: string): CustomerRef | null {
  const r = CustomerRefSchema.safeParse(text);
  return r.success ? r.data : null;
}
