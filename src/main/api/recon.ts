import { reconDetail } from '../recon/detail';
import { queryGrid } from '../recon/grid-query';
import { overviewCharts, overviewTiles } from '../recon/overview';
import { gridView } from '../recon/views';
import type { ApiContext, ApiHandlers } from './context';

export function reconHandlers({
  warehouse,
}: ApiContext): ApiHandlers<
  'grid.columns' | 'grid.rows' | 'recon.detail' | 'overview.tiles' | 'overview.charts'
> {
  return {
    'grid.columns': ({ view }) => {
      const definition = gridView(view);
      return { view, columns: [...definition.columns], key: [...definition.key] };
    },
    'grid.rows': async (request) => queryGrid(await warehouse(), request),
    'recon.detail': async (key) => reconDetail(await warehouse(), key),
    'overview.tiles': async () => overviewTiles(await warehouse()),
    'overview.charts': async () => overviewCharts(await warehouse()),
  };
}
