import { resolve } from 'node:path';
import { type Command, InvalidArgumentError } from 'commander';
import { type ColumnFilter, GRID_VIEWS, type GridView, gridViewSchema } from '../../../shared/api';
import { exportReconciliationWorkbook } from '../../export/reconciliation-workbook';
import { exportView } from '../../export/view-export';
import { gridView } from '../../recon/views';
import { appFor, print } from '../context';

interface ExportOptions {
  view: string;
  out: string;
  where: string[];
  search?: string;
}

/** `--where column=value` (equals) or `column~value` (contains): text filters on whitelisted columns. */
export function parseWhere(clause: string): [string, ColumnFilter] {
  const match = /^([a-z_]+)(=|~)(.*)$/.exec(clause);
  if (!match?.[1] || !match[2]) {
    throw new InvalidArgumentError(`use column=value or column~value, not ${JSON.stringify(clause)}`);
  }
  return [
    match[1],
    { filterType: 'text', type: match[2] === '=' ? 'equals' : 'contains', filter: match[3] ?? '' },
  ];
}

const collect = (value: string, previous: string[]) => [...previous, value];

export function registerExport(program: Command): void {
  program
    .command('export')
    .description(
      'write an Excel workbook: one mart (--view) or the full reconciliation workbook (--view all)',
    )
    .requiredOption('--view <name>', `all, or one of: ${GRID_VIEWS.join(', ')}`)
    .requiredOption('--out <file>', 'the .xlsx file to write')
    .option('--where <column=value>', 'filter rows (repeatable; column~value for contains)', collect, [])
    .option('--search <words>', 'quick search over the text columns')
    .action(async (options: ExportOptions, command: Command) => {
      const app = appFor(command);
      try {
        const session = await app.warehouse();
        const out = resolve(options.out);
        const started = performance.now();
        let rows: number;
        if (options.view === 'all') {
          rows = await exportReconciliationWorkbook(session, out);
        } else {
          const view: GridView = gridViewSchema.parse(options.view);
          rows = await exportView(
            session,
            {
              view,
              filters: Object.fromEntries(options.where.map(parseWhere)),
              quickSearch: options.search ?? '',
              columns: gridView(view).columns.map((column) => column.id),
            },
            out,
          );
        }
        print(`${out}: ${rows} rows in ${((performance.now() - started) / 1000).toFixed(1)} s`);
      } finally {
        await app.close();
      }
    });
}
