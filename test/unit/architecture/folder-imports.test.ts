// Imports only go downwards (docs/ARCHITECTURE.md). A loop between two folders means neither can
// be understood, tested or replaced without the other, so this reads every relative import in
// src/ and fails on any loop between folders, and on src/core reaching outside itself.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

type Edges = Map<string, Map<string, string>>;


const ROOT = resolve(import.meta.dirname, '../../..');
const SOURCE = /\.(ts|mts|mjs|js)$/;
// `from '…'` covers import, import type and export … from; the others are side-effect imports,
// dynamic imports and module URLs handed to worker threads or child processes.
const SPECIFIER =
  /\bfrom\s*['"]([^'"]+)['"]|\bimport\s*\(?\s*['"]([^'"]+)['"]|new URL\(\s*['"`]([^'"`$]+)['"`]\s*,\s*import\.meta\.url/g;

function filesUnder(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && SOURCE.test(entry.name))
    .map((entry) => relative(ROOT, join(entry.parentPath, entry.name)).split('\\').join('/'));
}

// src/adapters/<platform> are separate folders (one platform must not need another); every other
// folder is its top-level directory, and a file directly in a root (src/main.ts) is its own node.
function folderOf(file: string): string {
  const parts = file.split('/');
  if (parts[0] === 'src' && parts[1] === 'adapters' && parts.length > 3) return parts.slice(0, 3).join('/');
  if (parts.length > 2) return parts.slice(0, 2).join('/');
  return file.replace(/\.[^.]+$/, '');
}

// Inside one folder (src/core, src/adapters/slack) the nodes are its subfolders (cases/, blocks/ …)
// and each file directly in it (ports.ts, errors.ts, desk.ts; slack-app.ts). Root files sit at every
// height (desk.ts uses every subfolder, errors.ts is used by all of them), so one node for them all
// would report a loop that no file's imports make, and folding each into some subfolder would be an
// arbitrary choice that could hide one. Subfolders end in a slash, so ports.ts (the barrel, node
// `src/core/ports`) and ports/ stay two nodes.
function subfolderOf(file: string, folder: string): string {
  const rest = file.slice(folder.length + 1).split('/');
  return rest.length > 1 ? `${folder}/${rest[0]}/` : `${folder}/${rest[0]!.replace(/\.[^.]+$/, '')}`;
}

function importsOf(file: string): string[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  const targets: string[] = [];
  for (const match of text.matchAll(SPECIFIER)) {
    const specifier = match[1] ?? match[2] ?? match[3];
    if (!specifier?.startsWith('.')) continue;
    targets.push(relative(ROOT, resolve(ROOT, dirname(file), specifier)).split('\\').join('/'));
  }
  return targets;
}

// folder → imported folder → one importing file and its target, to name in a failure.
function folderEdges(roots: string[]): Edges {
  const edges: Edges = new Map();
  for (const root of roots) {
    for (const file of filesUnder(root)) {
      if (file.startsWith('src/generated/')) continue;
      const from = folderOf(file);
      for (const target of importsOf(file)) {
        const to = folderOf(target);
        if (to === from) continue;
        const out = edges.get(from) ?? new Map<string, string>();
        if (!out.has(to)) out.set(to, `${file} → ${target}`);
        edges.set(from, out);
      }
    }
  }
  return edges;
}

// The same edges one level down, between the nodes of `folder` (see subfolderOf); imports
// leaving the folder are left out, the test above already checks those.
function subfolderEdges(folder: string): Edges {
  const edges: Edges = new Map();
  for (const file of filesUnder(folder)) {
    const from = subfolderOf(file, folder);
    for (const target of importsOf(file)) {
      if (!target.startsWith(`${folder}/`)) continue;
      const to = subfolderOf(target, folder);
      if (to === from) continue;
      const out = edges.get(from) ?? new Map<string, string>();
      if (!out.has(to)) out.set(to, `${file} → ${target}`);
      edges.set(from, out);
    }
  }
  return edges;
}

// Strongly connected components with more than one folder (Tarjan): each is one loop, however
// many folders it runs through.
function loops(edges: ReadonlyMap<string, ReadonlyMap<string, string>>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (node: string): void => {
    index.set(node, index.size);
    low.set(node, index.get(node)!);
    stack.push(node);
    onStack.add(node);
    for (const next of edges.get(node)?.keys() ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node)!, index.get(next)!));
      }
    }
    if (low.get(node) !== index.get(node)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== node);
    if (component.length > 1) found.push(component.sort());
  };
  for (const node of edges.keys()) if (!index.has(node)) visit(node);
  return found;
}

function describeLoop(edges: Edges, component: string[]): string {
  const members = new Set(component);
  const lines = component.flatMap((from) =>
    [...(edges.get(from) ?? [])].filter(([to]) => members.has(to)).map(([to, example]) => `  ${from} → ${to} (${example})`),
  );
  return [`loop through ${component.join(', ')}:`, ...lines].join('\n');
}

describe('folder imports', () => {
  it('finds a loop through three folders and none in a chain', () => {
    const edge = (pairs: [string, string][]): Edges => {
      const edges: Edges = new Map();
      for (const [from, to] of pairs) edges.set(from, (edges.get(from) ?? new Map()).set(to, ''));
      return edges;
    };
    expect(loops(edge([['a', 'b'], ['b', 'c'], ['c', 'a'], ['c', 'd']]))).toEqual([['a', 'b', 'c']]);
    expect(loops(edge([['a', 'b'], ['b', 'c'], ['a', 'c']]))).toEqual([]);
    expect(folderOf('src/adapters/slack/blocks/case-card.blocks.ts')).toBe('src/adapters/slack');
    expect(folderOf('src/core/cases/intake.ts')).toBe('src/core');
    expect(folderOf('src/main.ts')).toBe('src/main');
    expect(subfolderOf('src/core/cases/intake.ts', 'src/core')).toBe('src/core/cases/');
    expect(subfolderOf('src/core/triage/lexicon/index.ts', 'src/core')).toBe('src/core/triage/');
    expect(subfolderOf('src/core/ports.ts', 'src/core')).toBe('src/core/ports');
    expect(subfolderOf('src/core/ports.js', 'src/core')).toBe('src/core/ports');
  });

  it('has no import loop between folders of src/', () => {
    const edges = folderEdges(['src']);
    expect(loops(edges).map((component) => describeLoop(edges, component))).toEqual([]);
  });

  it('has no import loop between the subfolders of src/core', () => {
    const edges = subfolderEdges('src/core');
    expect(loops(edges).map((component) => describeLoop(edges, component))).toEqual([]);
  });

  // model/ holds the names every other folder shares (statuses, transitions, escalation reasons):
  // the moment it imports one of them, that folder can no longer import a status without a loop.
  it('keeps src/core/model a leaf of the core', () => {
    const out = [...(subfolderEdges('src/core').get('src/core/model/') ?? [])].map(([to, example]) => `${to} (${example})`);
    expect(out).toEqual([]);
  });

  const adapters = readdirSync(join(ROOT, 'src/adapters'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name);
  it.each(adapters)('has no import loop inside src/adapters/%s', (adapter) => {
    const edges = subfolderEdges(`src/adapters/${adapter}`);
    expect(loops(edges).map((component) => describeLoop(edges, component))).toEqual([]);
  });

  it('keeps src/core free of imports from outside src/core', () => {
    const outside = [...(folderEdges(['src']).get('src/core') ?? [])].map(([to, example]) => `${to} (${example})`);
    expect(outside).toEqual([]);
  });

  // Prisma stays behind ports: only persistence and the places that wire it up (the composition
  // root, the command-line tools) see the generated client.
  it('keeps the Prisma client inside persistence, the composition root and the CLI', () => {
    const allowed = new Set(['src/persistence', 'src/app', 'src/main', 'src/cli']);
    const reaching = [...folderEdges(['src'])]
      .filter(([from, out]) => !allowed.has(from) && out.has('src/generated'))
      .map(([from, out]) => `${from} (${out.get('src/generated')})`);
    expect(reaching).toEqual([]);
  });

  it('has no import loop between src/, test/, bench/ and support/', () => {
    const edges: Edges = new Map();
    for (const [from, out] of folderEdges(['src', 'test', 'bench', 'support'])) {
      const top = from.split('/')[0]!;
      for (const [to, example] of out) {
        const target = to.split('/')[0]!;
        if (target === top) continue;
        const merged = edges.get(top) ?? new Map<string, string>();
        if (!merged.has(target)) merged.set(target, example);
        edges.set(top, merged);
      }
    }
    expect(loops(edges).map((component) => describeLoop(edges, component))).toEqual([]);
  });
});
