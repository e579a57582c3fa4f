import type { Command } from 'commander';
import { appFor, print } from '../context';

/** Reads a dotted path ("warehouse.kind") out of a settings object. */
function pick(object: unknown, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], object);
}

/** Returns a copy of `object` with `path` set to `value`, creating objects on the way. */
function assign(object: Record<string, unknown>, path: string, value: unknown): Record<string, unknown> {
  const [head, ...rest] = path.split('.');
  if (!head) return object;
  const child = (object[head] ?? {}) as Record<string, unknown>;
  return { ...object, [head]: rest.length ? assign(child, rest.join('.'), value) : value };
}

/** Values are JSON when they parse as JSON (numbers, booleans, objects), plain strings otherwise. */
function parseValue(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export function registerSettings(program: Command): void {
  const settings = program
    .command('settings')
    .description('show, read or change the settings (validated on save)');
  settings
    .command('show', { isDefault: true })
    .description('print the effective settings (defaults included) and the file they come from')
    .action((_options, command: Command) => {
      const app = appFor(command);
      print(`# ${app.dataDir.settingsFile}`);
      print(JSON.stringify(app.settings(), null, 2));
    });
  settings
    .command('get <path>')
    .description('print one setting, e.g. `puente settings get warehouse.kind`')
    .action((path: string, _options, command: Command) => {
      const value = pick(appFor(command).settings(), path);
      if (value === undefined) throw new Error(`No setting "${path}". See \`puente settings show\`.`);
      print(typeof value === 'string' ? value : JSON.stringify(value, null, 2));
    });
  settings
    .command('set <path> <value>')
    .description('change one setting, e.g. `puente settings set portals.sai.url https://...`')
    .action((path: string, value: string, _options, command: Command) => {
      const app = appFor(command);
      app.updateSettings(assign(app.settings() as Record<string, unknown>, path, parseValue(value)));
      print(`Saved ${path} in ${app.dataDir.settingsFile}`);
    });
}
