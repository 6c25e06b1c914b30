// `npm run build [-- --out-dir <dir>]`: compiles src/ to dist/ and copies the files the built code
// reads at run time and tsc does not emit: the playground's static page, the triage model (read
// with readFileSync, not imported) and the plain-JavaScript boot file of the triage threads and the embedded database's process. Without
// them the built bot starts, but triages with the lexicon alone or sends every message to a
// human. dist/.built-at marks a finished build for scripts/start.mjs.
import { execFileSync } from 'node:child_process';
import { cpSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

/** Paths under src/ copied as they are into the output. */
const RUNTIME_FILES = ['adapters/playground/web', 'core/triage/model/triage-model.json', 'workers/module-boot.mjs'];

const at = process.argv.indexOf('--out-dir');
const outDir = at >= 0 ? process.argv[at + 1] : 'dist';
if (!outDir) throw new Error('--out-dir needs a directory');

const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json', '--outDir', outDir, '--tsBuildInfoFile', join(outDir, '.tsbuildinfo')], { stdio: 'inherit' });
for (const path of RUNTIME_FILES) cpSync(join('src', path), join(outDir, path), { recursive: true });
writeFileSync(join(outDir, '.built-at'), new Date().toISOString() + '\n');
