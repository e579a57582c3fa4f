import { type ExportViewInput, exportViewInputSchema } from '../../shared/api';
import { gridSelect } from '../recon/grid-query';
import { whitelistedColumn } from '../recon/views';
import type { SqlSession } from '../warehouse/session';
import { orderedPages } from './ordered-pages';
import { withWorkbook } from './xlsx-workbook';

/**
 * "What I see": the grid's view under its filters, quick search and sort, with only its visible
 * columns in their on-screen order, streamed into one sheet. Returns the rows written.
 */
export async function exportView(
  session: SqlSession,
  input: ExportViewInput,
  outFile: string,
): Promise<number> {
  const request = exportViewInputSchema.parse(input);
  const select = await gridSelect(session, request);
  const columns = request.columns.map((id) => whitelistedColumn(select.definition, id));
  return withWorkbook(outFile, (workbook) =>
    workbook.addSheet(request.view, columns, orderedPages(session, select, columns)),
  );
}
