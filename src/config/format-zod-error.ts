import type { z } from 'zod';

/**
 * One line per problem, each naming the field path, e.g. `departments.0.channels.slack: Required`.
 * An unknown key is named with its own path (`departments.0.chanels: unknown key`), one line each.
 */
export function formatZodError(error: z.ZodError): string {
  const at = (path: PropertyKey[]) => (path.length ? path.map(String).join('.') : '(root)');
  return error.issues
    .flatMap((issue) =>
      issue.code === 'unrecognized_keys' ? issue.keys.map((key) => `  - ${at([...issue.path, key])}: unknown key`) : [`  - ${at(issue.path)}: ${issue.message}`],
    )
    .join('\n');
}
