import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { describeIssues, SettingsError } from './errors';
import { type Settings, settingsSchema } from './schema';

/** Validates raw settings; throws a SettingsError naming every bad field and its fix. */
export function parseSettings(raw: unknown, file = 'settings'): Settings {
  const result = settingsSchema.safeParse(raw ?? {}, { reportInput: true });
  if (!result.success) throw new SettingsError(file, describeIssues(result.error.issues));
  return result.data;
}

/** Reads the settings file; no file means the embedded defaults. */
export function loadSettings(file: string): Settings {
  if (!existsSync(file)) return parseSettings({}, file);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new SettingsError(file, [
      `the file is not valid JSON (${(error as Error).message}); fix the syntax`,
    ]);
  }
  return parseSettings(raw, file);
}

/** Writes settings atomically (temp file + rename) after validating them. */
export function saveSettings(file: string, settings: unknown): Settings {
  const valid = parseSettings(settings, file);
  mkdirSync(dirname(file), { recursive: true });
  const temp = `${file}.tmp-${process.pid}`;
  writeFileSync(temp, `${JSON.stringify(valid, null, 2)}\n`, { mode: 0o600 });
  renameSync(temp, file);
  return valid;
}
