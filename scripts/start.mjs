// `npm start`: runs the built bot (dist/main.js), building first when dist/ is missing or older
// than any file under src/. The bot runs in this very process, so the signals a process manager
// sends (SIGTERM) reach it directly and no TypeScript is compiled at run time.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const STAMP = 'dist/.built-at';

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

if (!existsSync(STAMP) || statSync(STAMP).mtimeMs < newestMtime('src')) {
  console.error('building dist/ (src/ changed since the last build)…');
  execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
}
await import(pathToFileURL(join(process.cwd(), 'dist/main.js')).href);
