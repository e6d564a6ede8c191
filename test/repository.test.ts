import { readdirSync, readFileSync } from 'node:fs';
import ts from 'typescript';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');

function section(title: string): string {
  const start = readme.indexOf(`## ${title}`);
  expect(start, `README section "${title}"`).toBeGreaterThanOrEqual(0);
  const end = readme.indexOf('\n## ', start + 3);
  return readme.slice(start, end === -1 ? undefined : end);
}

function filesUnder(folder: string): string[] {
  return readdirSync(join(root, folder), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(root, join(entry.parentPath, entry.name)));
}

describe('README', () => {
  it('names one command that starts the demo and one that runs every test', () => {
    const commands = section('Two commands');
    expect(commands).toContain('npm install && npm start');
    expect(commands).toContain('npm install && npm test');
  });

  it('is what .ci/run runs, word for word', () => {
    const ci = readFileSync(join(root, '.ci/run'), 'utf8');
    const lastCommand = ci
      .split('\n')
      .filter((line) => line.trim() !== '' && !line.trim().startsWith('#'))
      .at(-1);
    expect(lastCommand).toBe('npm install && npm test');
  });

  it('has a test command that installs what its suites need first, so .ci/run installs nothing itself', () => {
    const scripts = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    expect(scripts.test.split(' && ')[0]).toBe('npm run test:browsers');
    expect(scripts['test:browsers']).toBe('bash scripts/test-browsers.sh');
    expect(readFileSync(join(root, '.ci/run'), 'utf8')).not.toMatch(/apt-get|apt /);
  });

  it('has a map of src/ that matches the tree: every file, and no file that is gone', () => {
    const map = section('Map of src/');
    // The map's table rows: | `src/…` | what it holds |
    const rows = [...map.matchAll(/^\| `(src\/[^`]+)` \|/gm)].map((match) => match[1]);
    const mapped = new Set(rows.filter((row) => !row.endsWith('/')));
    const sources = filesUnder('src').filter((file) => !file.endsWith('.test.ts'));
    const missing = sources.filter((file) => !mapped.has(file));
    const gone = [...mapped].filter((file) => !sources.includes(file));
    expect({ missing, gone }).toEqual({ missing: [], gone: [] });
  });

  it('says where the code of every folder of src/ runs, and names no folder that is gone', () => {
    const map = section('Map of src/');
    const folders = [...map.matchAll(/^\| `(src\/[^`]+\/)` \|/gm)].map((match) => match[1]);
    const onDisk = readdirSync(join(root, 'src'), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => `src/${entry.name}/`);
    expect(folders.toSorted()).toEqual(onDisk.toSorted());
  });
});

describe('TypeScript configs', () => {
  /** The files a config checks by itself (imports aside), relative to the root. */
  function filesOf(config: string): string[] {
    const parsed = ts.getParsedCommandLineOfConfigFile(join(root, config), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined });
    if (!parsed) throw new Error(`${config} could not be read`);
    return parsed.fileNames.map((file) => relative(root, file));
  }
  const contexts = {
    'tsconfig.lab.json': /^src\/lab\//,
    'tsconfig.shared.json': /^src\/shared\//,
    'tsconfig.worker.json': /^src\/(workers|serviceWorker)\//,
    'tsconfig.app.json': /^src\/(page\/|[^/]+$)/,
  };

  it('check each source file of src/ in exactly one context, chosen by its folder', () => {
    const owners = new Map<string, string[]>();
    for (const [config, folder] of Object.entries(contexts)) {
      for (const file of filesOf(config)) {
        expect(file, `${config} checks ${file}`).toMatch(folder);
        owners.set(file, [...(owners.get(file) ?? []), config]);
      }
    }
    const sources = filesUnder('src').filter((file) => /\.tsx?$/.test(file) && !file.endsWith('.test.ts') && !file.startsWith('src/testing/'));
    const notExactlyOnce = sources.filter((file) => owners.get(file)?.length !== 1);
    expect(notExactlyOnce).toEqual([]);
  });

  it('choose files by folder, never by a file’s name', () => {
    for (const config of Object.keys(contexts)) {
      const { include = [], exclude = [] } = ts.readConfigFile(join(root, config), (path) => ts.sys.readFile(path)).config as { include?: string[]; exclude?: string[] };
      expect(include.every((pattern) => !/\.[a-z]+$/.test(pattern) || /^src\/\*\.tsx?$/.test(pattern)), `${config} include`).toBe(true);
      expect(exclude, `${config} exclude`).toEqual(['src/**/*.test.ts']);
    }
  });

  it('check tests and test support in Node', () => {
    const node = filesOf('tsconfig.node.json');
    expect(node).toContain('src/testing/inThreadCounter.ts');
    expect(node).toContain('src/lab/measurement/split.test.ts');
  });
});
