/**
 * Bundles a few lines that import the project's own lib/ modules into one classic script (IIFE) with the
 * esbuild that vite/wxt already install, so the bench runs the real code in a page without a build step.
 */
import { build } from 'esbuild';
import path from 'node:path';
import { REPO_ROOT } from './results';

/** `root`: the source tree the entry's relative imports resolve in (another checkout, for before/after). */
export async function bundleScript(entrySource: string, root = REPO_ROOT): Promise<string> {
  const result = await build({
    stdin: { contents: entrySource, resolveDir: root, loader: 'ts', sourcefile: 'bench-entry.ts' },
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    write: false,
    logLevel: 'silent',
    tsconfig: path.join(REPO_ROOT, 'tsconfig.json'),
  });
  const [output] = result.outputFiles;
  if (!output) throw new Error('esbuild produced no output');
  return output.text;
}
