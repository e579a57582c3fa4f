import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import { type DataTestDeclaration, parseTestDeclaration } from './data-test-declaration';

/**
 * Where sql/ lives when the caller does not say: PUENTE_SQL_DIR, else beside the code (the
 * repository, the installed package or the app's asar: out/main -> ../../sql, src/main/models ->
 * ../../../sql), else the working directory's.
 */
function findSqlDir(): string {
  const candidates = [
    process.env.PUENTE_SQL_DIR,
    join(__dirname, '..', '..', 'sql'),
    join(__dirname, '..', '..', '..', 'sql'),
  ];
  for (const candidate of candidates)
    if (candidate && existsSync(join(candidate, 'models'))) return candidate;
  return resolve(process.cwd(), 'sql');
}

export const DEFAULT_SQL_DIR = findSqlDir();

/** A model: one sql/models/<layer>/<name>.sql template; its schema is its layer's. */
export interface ModelFile {
  name: string;
  layer: string;
  schema: string;
  /** Path relative to the sql dir, as the template loader sees it. */
  path: string;
  source: string;
  tests: DataTestDeclaration;
}

export interface SingularTestFile {
  name: string;
  path: string;
  source: string;
}

export interface SeedFile {
  name: string;
  path: string;
}

export interface Project {
  sqlDir: string;
  models: ModelFile[];
  singularTests: SingularTestFile[];
  seeds: SeedFile[];
}

/** Folder name -> warehouse schema. Marts live in `marts`: the UI and dashboards read that name. */
const LAYER_SCHEMAS: Record<string, string> = {
  staging: 'staging',
  intermediate: 'intermediate',
  marts: 'marts',
};

function listFiles(dir: string, suffix: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(suffix))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

/** Reads sql/models/**\/*.sql (+ <name>.tests.json beside each), sql/tests/*.sql and sql/seeds/*.csv. */
export function loadProject(sqlDir: string): Project {
  const models: ModelFile[] = [];
  const seen = new Map<string, string>();
  for (const file of listFiles(join(sqlDir, 'models'), '.sql')) {
    const path = relative(sqlDir, file);
    const layer = path.split(/[\\/]/)[1] ?? '';
    const schema = LAYER_SCHEMAS[layer];
    if (!schema) throw new Error(`Model ${path} is outside staging/, intermediate/ or marts/`);
    const name = basename(file, '.sql');
    const clash = seen.get(name);
    if (clash) throw new Error(`Two models are named ${name}: ${clash} and ${path}`);
    seen.set(name, path);
    const testsFile = file.replace(/\.sql$/, '.tests.json');
    const tests = existsSync(testsFile)
      ? parseTestDeclaration(JSON.parse(readFileSync(testsFile, 'utf8')), relative(sqlDir, testsFile))
      : {};
    models.push({ name, layer, schema, path, source: readFileSync(file, 'utf8'), tests });
  }
  const singularTests = listFiles(join(sqlDir, 'tests'), '.sql').map((file) => ({
    name: basename(file, '.sql'),
    path: relative(sqlDir, file),
    source: readFileSync(file, 'utf8'),
  }));
  const seeds = listFiles(join(sqlDir, 'seeds'), '.csv').map((file) => ({
    name: basename(file, '.csv'),
    path: file,
  }));
  if (models.length === 0) {
    throw new Error(
      `No models found in ${join(sqlDir, 'models')}: set PUENTE_SQL_DIR to the project's sql folder`,
    );
  }
  return { sqlDir, models, singularTests, seeds };
}
