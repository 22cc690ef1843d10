/**
 * Starting a worker thread from the TypeScript sources.
 *
 * Built code runs `dist/media/hash-worker.js` directly. Under Vitest the server runs from
 * `src/`, where only `hash-worker.ts` exists and Node 20 cannot load TypeScript by itself (and
 * Vitest's transform does not reach worker threads). For that case the worker is started with
 * `--import` of a tiny module that registers two loader hooks in the worker: `resolve` maps a
 * relative `./x.js` imported from a `.ts` file to `./x.ts` when only the latter exists, and
 * `load` transpiles `.ts` files with the `typescript` compiler (a dev dependency, present
 * wherever sources are run; types are only erased, no type-checking). Production never takes
 * this path: the built hasher.js ends in `.js`.
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

const HOOKS = `
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
let ts;
export async function initialize(data) {
  ts = (await import(data.typescript)).default;
}
export async function resolve(specifier, context, nextResolve) {
  const parent = context.parentURL;
  if (parent && parent.endsWith('.ts') && specifier.startsWith('.') && specifier.endsWith('.js')) {
    const candidate = new URL(specifier.slice(0, -3) + '.ts', parent);
    if (existsSync(fileURLToPath(candidate))) return { url: candidate.href, shortCircuit: true };
  }
  return nextResolve(specifier, context);
}
export async function load(url, context, nextLoad) {
  if (!url.startsWith('file:') || !url.endsWith('.ts')) return nextLoad(url, context);
  const fileName = fileURLToPath(url);
  const output = ts.transpileModule(await readFile(fileName, 'utf8'), {
    fileName,
    compilerOptions: {
      module: ts.ModuleKind.ESNext,
      target: ts.ScriptTarget.ES2022,
      verbatimModuleSyntax: true,
      inlineSourceMap: true,
    },
  });
  return { format: 'module', source: output.outputText, shortCircuit: true };
}
`;

function dataUrl(source: string): string {
  return `data:text/javascript,${encodeURIComponent(source)}`;
}

/** `execArgv` for a worker whose entry is a `.ts` file next to the calling source file. */
export function tsSourceExecArgv(from: string): string[] {
  const typescript = pathToFileURL(createRequire(from).resolve('typescript')).href;
  const register = `import { register } from 'node:module';
register(${JSON.stringify(dataUrl(HOOKS))}, { data: { typescript: ${JSON.stringify(typescript)} } });`;
  return ['--import', dataUrl(register)];
}

/**
 * Where a worker entry named `name` (without extension) lives next to `moduleUrl`, and the
 * `execArgv` it needs: `name.js` for built code, `name.ts` plus the hooks above for sources.
 */
export function workerEntry(moduleUrl: string, name: string): { url: URL; execArgv?: string[] } {
  if (new URL(moduleUrl).pathname.endsWith('.ts')) {
    return { url: new URL(`./${name}.ts`, moduleUrl), execArgv: tsSourceExecArgv(moduleUrl) };
  }
  return { url: new URL(`./${name}.js`, moduleUrl) }; // inherits the process's execArgv
}
