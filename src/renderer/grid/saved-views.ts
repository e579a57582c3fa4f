import { z } from 'zod';
import { columnFilterSchema, type GridView, gridViewSchema } from '../../shared/api';

/** One column as a saved view keeps it; the array's order is the column order. */
const savedColumnSchema = z.strictObject({
  colId: z.string().min(1).max(200),
  hide: z.boolean(),
  pinned: z.enum(['left', 'right']).nullable(),
  sort: z.enum(['asc', 'desc']).nullable(),
  sortIndex: z.number().int().min(0).nullable(),
  width: z.number().positive().max(5000).optional(),
});
export type SavedColumn = z.infer<typeof savedColumnSchema>;

export const viewNameSchema = z.string().trim().min(1).max(80);

/** What the analyst saves of a grid: its filters, column order/visibility/pinning/sort and quick search. */
export const savedViewSchema = z.strictObject({
  name: viewNameSchema,
  grid: gridViewSchema,
  filters: z.record(z.string(), columnFilterSchema),
  columns: z.array(savedColumnSchema).max(500),
  quickSearch: z.string().max(200),
});
export type SavedView = z.infer<typeof savedViewSchema>;

const PREFIX = 'puente.savedView.';
const keyOf = (grid: GridView, name: string) => `${PREFIX}${grid}.${name}`;

/** Reads one stored entry; anything unreadable or invalid (hand-edited, older shape) is left out. */
function readEntry(storage: Storage, key: string, grid: GridView): SavedView | undefined {
  try {
    const parsed = savedViewSchema.safeParse(JSON.parse(storage.getItem(key) ?? 'null'));
    return parsed.success && parsed.data.grid === grid && key === keyOf(grid, parsed.data.name)
      ? parsed.data
      : undefined;
  } catch {
    return undefined;
  }
}

/** The valid views saved for a grid, by name. */
export function listSavedViews(grid: GridView, storage: Storage = localStorage): SavedView[] {
  const views: SavedView[] = [];
  for (let index = 0; index < storage.length; index++) {
    const key = storage.key(index);
    if (!key?.startsWith(`${PREFIX}${grid}.`)) continue;
    const view = readEntry(storage, key, grid);
    if (view) views.push(view);
  }
  return views.sort((a, b) => a.name.localeCompare(b.name));
}

/** Saves (or replaces) a view under its trimmed name; throws if it does not validate. */
export function saveView(view: SavedView, storage: Storage = localStorage): SavedView {
  const valid = savedViewSchema.parse(view);
  storage.setItem(keyOf(valid.grid, valid.name), JSON.stringify(valid));
  return valid;
}

export function deleteView(grid: GridView, name: string, storage: Storage = localStorage): void {
  storage.removeItem(keyOf(grid, name));
}
