// `npm run build`: compiles src/ to dist/ and copies the files the built code reads at run time
// (the playground's static page). dist/.built-at marks a finished build for scripts/start.mjs.
import { execFileSync } from 'node:child_process';
import { cpSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
cpSync('src/adapters/playground/web', 'dist/adapters/playground/web', { recursive: true });
writeFileSync('dist/.built-at', new Date().toISOString() + '\n');
