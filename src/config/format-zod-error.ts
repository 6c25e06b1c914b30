import type { z } from 'zod';

/** One line per problem, each naming the field path, e.g. `departments.0.channels.slack: Required`. */
export function formatZodError(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const path = issue.path.length ? issue.path.map(String).join('.') : '(root)';
      return `  - ${path}: ${issue.message}`;
    })
    .join('\n');
}
