import { z } from 'zod';

/**
 * Generic data tests declared beside a model in <name>.tests.json:
 *   { "unique": [["no_alta"], ["a", "b"]], "not_null": ["no_alta"],
 *     "accepted_values": { "lifecycle_status": ["Pagado", ...] },
 *     "relationships": [{ "column": "no_alta", "to": "int_altas_current", "field": "no_alta" }] }
 */
const column = z.string().regex(/^[a-z_][a-z0-9_]*$/, 'use a lower-case column name');

export const dataTestDeclarationSchema = z.strictObject({
  unique: z.array(z.array(column).min(1)).optional(),
  not_null: z.array(column).optional(),
  accepted_values: z.record(column, z.array(z.string()).min(1)).optional(),
  relationships: z.array(z.strictObject({ column, to: z.string().min(1), field: column })).optional(),
});

export type DataTestDeclaration = z.infer<typeof dataTestDeclarationSchema>;

export function parseTestDeclaration(raw: unknown, file: string): DataTestDeclaration {
  const result = dataTestDeclarationSchema.safeParse(raw);
  if (!result.success) {
    const issues = result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Bad data test declaration ${file}: ${issues.join('; ')}`);
  }
  return result.data;
}
