import type { z } from 'zod';

/** A settings file that cannot be used, with one line per problem naming the field and the fix. */
export class SettingsError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`Settings in ${file} are not valid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'SettingsError';
  }
}

function fieldName(path: readonly PropertyKey[]): string {
  return path.length === 0 ? '(top level)' : path.map(String).join('.');
}

/** Turns zod issues into sentences an operator can act on. */
export function describeIssues(issues: readonly z.core.$ZodIssue[]): string[] {
  return issues.map((issue) => {
    const field = fieldName(issue.path);
    switch (issue.code) {
      case 'unrecognized_keys':
        return `${field}: unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys
          .map((k) => `"${k}"`)
          .join(', ')}; remove ${issue.keys.length > 1 ? 'them' : 'it'} or check the spelling`;
      case 'invalid_type':
        return issue.input === undefined
          ? `${field}: missing; add it (expected ${issue.expected})`
          : `${field}: expected ${issue.expected}, got ${typeof issue.input}; change the value`;
      case 'invalid_union':
      case 'invalid_value':
        return `${field}: ${issue.message}; use one of the documented values`;
      default:
        return `${field}: ${issue.message}`;
    }
  });
}
