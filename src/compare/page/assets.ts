/**
 * The page's own script and style (plain browser files in assets/, read from
 * the package root so they are found from dist/ and from an installed
 * package alike) and ECharts' minified build from node_modules. Functions
 * the page shares with the rest of the program are put in from their one
 * module as source text (sharedFunctions), not copied into assets/.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { csvField } from '../../export/csv-field.js';

function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('govreport compare: cannot find the package root for the page assets');
    dir = up;
  }
  return dir;
}

const assetsDir = () => join(packageRoot(), 'src', 'compare', 'page', 'assets');

/** The page script's files, concatenated in this order into one inline script (they share one scope). */
const scriptFiles = ['util.js', 'overview.js', 'agency.js', 'problems.js', 'viewer.js', 'app.js'];

/**
 * Self-contained functions of the program that the page script calls by name
 * (the CSV download writes its fields as the export does). Put in after
 * util.js, whose 'use strict' must stay the script's first statement.
 */
const sharedFunctions: Array<(...args: never[]) => unknown> = [csvField];
const sharedScript = () => sharedFunctions.map((f) => `// ${f.name}, from the program's own module\n${f.toString()}\n`).join('\n');

export interface PageAssets {
  css: string;
  script: string;
  /** ECharts' "common" build: line, bar, pie, tooltip, legend, dataZoom — what the charts use, at two thirds of the full build. */
  echarts: string;
}

export function pageAssets(): PageAssets {
  const dir = assetsDir();
  const echartsPath = createRequire(import.meta.url).resolve('echarts/dist/echarts.common.min.js');
  return {
    css: readFileSync(join(dir, 'page.css'), 'utf8'),
    script: scriptFiles
      .map((f) => `// ${f}\n${readFileSync(join(dir, f), 'utf8')}${f === 'util.js' ? `\n${sharedScript()}` : ''}`)
      .join('\n'),
    echarts: readFileSync(echartsPath, 'utf8'),
  };
}
