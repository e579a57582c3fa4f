import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The package version, read once from package.json beside the built output (out/main -> ../../). */
export function appVersion(): string {
  for (const candidate of [
    join(__dirname, '..', '..', 'package.json'),
    join(process.cwd(), 'package.json'),
  ]) {
    try {
      const pkg = JSON.parse(readFileSync(candidate, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'puente' && pkg.version) return pkg.version;
    } catch {
      // try the next candidate
    }
  }
  return '0.0.0-unknown';
}
