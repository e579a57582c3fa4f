import type {
  ColDef,
  FilterModel,
  GridApi,
  GridReadyEvent,
  ICellRendererParams,
  IDatasource,
  IGetRowsParams,
  SelectionChangedEvent,
} from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { type RefObject, useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ColumnFilter, GridColumns, GridRow, GridState, GridView } from '../../shared/api';
import type { ApiClient } from '../api/client';
import { ErrorNotice } from '../components';
import { useLoad } from '../use-api';
import { GRID_THEME, GRID_THEME_CLASS } from './ag-grid';
import { formatCell, formatMoney } from './format';
import { STATUS_COLUMNS, StatusChip } from './StatusChip';
import type { SavedColumn, SavedView } from './saved-views';

/** The part of a grid's state a saved view keeps and re-applies. */
export type GridLayout = Pick<SavedView, 'filters' | 'columns' | 'quickSearch'>;

/** What the page can read from its grid: the state "what I see" exports, and the selected rows. */
export interface GridHandle {
  state(): GridState & { columns: string[] };
  selected(): GridRow[];
  refresh(): void;
  layout(): GridLayout;
  applyLayout(layout: GridLayout): void;
}

function savedColumns(grid: GridApi<GridRow> | undefined): SavedColumn[] {
  return (grid?.getColumnState() ?? []).map((column) => ({
    colId: column.colId,
    hide: column.hide === true,
    pinned: column.pinned === 'left' || column.pinned === 'right' ? column.pinned : null,
    sort: column.sort ?? null,
    sortIndex: column.sortIndex ?? null,
    ...(column.width ? { width: column.width } : {}),
  }));
}

export interface DataGridProps {
  client: ApiClient;
  view: GridView;
  /** Columns pinned to the left and columns hidden at first (the user can show them). */
  pinned?: readonly string[];
  hidden?: readonly string[];
  /** Filters the page sets outside the grid (the worklist's reason), merged into the grid's own. */
  fixedFilters?: Record<string, ColumnFilter>;
  selectable?: boolean;
  handle?: RefObject<GridHandle | null>;
  onOpen?: (row: GridRow) => void;
  onSelectionChange?: (rows: GridRow[]) => void;
  label: string;
}

const FILTER_FOR = {
  text: 'agTextColumnFilter',
  boolean: 'agTextColumnFilter',
  money: 'agNumberColumnFilter',
  number: 'agNumberColumnFilter',
  date: 'agDateColumnFilter',
  timestamp: 'agDateColumnFilter',
} as const;

const PAGE_ROWS = 200;

function useColumnDefs(columns: GridColumns | undefined, props: DataGridProps): ColDef<GridRow>[] {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  return useMemo(() => {
    if (!columns) return [];
    return columns.columns.map((column): ColDef<GridRow> => {
      const numeric = column.kind === 'money' || column.kind === 'number';
      return {
        colId: column.id,
        field: column.id,
        headerName: t(`columns.${column.id}`, { defaultValue: column.id }),
        filter: FILTER_FOR[column.kind],
        filterParams: { buttons: ['reset'], debounceMs: 300 },
        sortable: true,
        resizable: true,
        pinned: props.pinned?.includes(column.id) ? 'left' : undefined,
        hide: props.hidden?.includes(column.id),
        type: numeric ? 'rightAligned' : undefined,
        valueFormatter: STATUS_COLUMNS.has(column.id)
          ? undefined
          : (params) => formatCell(column.kind, params.value, locale),
        cellRenderer: STATUS_COLUMNS.has(column.id)
          ? (params: ICellRendererParams<GridRow>) => <StatusChip value={params.value} />
          : undefined,
        width: column.kind === 'text' ? 170 : 140,
      };
    });
  }, [columns, props.pinned, props.hidden, t, locale]);
}

/**
 * A mart in AG Grid's Infinite Row Model: every scroll, sort, filter or search asks the core for
 * one page with bound parameters, so a million rows cost what a thousand do. Shows the matching
 * row count and the exact money totals under the grid.
 */
export function DataGrid(props: DataGridProps) {
  const { client, view, fixedFilters, handle, onOpen, onSelectionChange } = props;
  const { t, i18n } = useTranslation();
  const searchId = useId();
  const loadColumns = useCallback(() => client.call('grid.columns', { view }), [client, view]);
  const { data: columns, error } = useLoad(loadColumns);
  const columnDefs = useColumnDefs(columns, props);
  const api = useRef<GridApi<GridRow>>(undefined);
  const search = useRef('');
  const [searchText, setSearchText] = useState('');
  const fixed = useRef(fixedFilters);
  const [summary, setSummary] = useState<{ lastRow: number; totals: Record<string, string> }>();
  const [failure, setFailure] = useState<unknown>();

  const filters = useCallback(
    (model: FilterModel | null | undefined) =>
      ({ ...(model ?? {}), ...(fixed.current ?? {}) }) as Record<string, ColumnFilter>,
    [],
  );

  const datasource = useMemo<IDatasource>(
    () => ({
      getRows(params: IGetRowsParams) {
        client
          .call('grid.rows', {
            view,
            startRow: params.startRow,
            endRow: params.endRow,
            sort: params.sortModel.map(({ colId, sort }) => ({ colId, sort })),
            filters: filters(params.filterModel as FilterModel),
            quickSearch: search.current,
          })
          .then(
            (page) => {
              setFailure(undefined);
              setSummary({ lastRow: page.lastRow, totals: page.totals });
              params.successCallback(page.rows, page.lastRow);
            },
            (problem: unknown) => {
              setFailure(problem);
              params.failCallback();
            },
          );
      },
    }),
    [client, view, filters],
  );

  useEffect(() => {
    fixed.current = fixedFilters;
    api.current?.purgeInfiniteCache();
  }, [fixedFilters]);

  if (handle) {
    handle.current = {
      state() {
        const grid = api.current;
        return {
          view,
          sort: (grid?.getColumnState() ?? [])
            .filter((state) => state.sort)
            .sort((a, b) => (a.sortIndex ?? 0) - (b.sortIndex ?? 0))
            .map((state) => ({ colId: state.colId, sort: state.sort as 'asc' | 'desc' })),
          filters: filters(grid?.getFilterModel()),
          quickSearch: search.current,
          columns: (grid?.getAllDisplayedColumns() ?? []).map((column) => column.getColId()),
        };
      },
      selected: () => api.current?.getSelectedRows() ?? [],
      refresh: () => api.current?.purgeInfiniteCache(),
      layout: () => ({
        filters: (api.current?.getFilterModel() ?? {}) as Record<string, ColumnFilter>,
        columns: savedColumns(api.current),
        quickSearch: search.current,
      }),
      applyLayout(layout) {
        search.current = layout.quickSearch;
        setSearchText(layout.quickSearch);
        api.current?.applyColumnState({ state: layout.columns, applyOrder: true });
        api.current?.setFilterModel(layout.filters);
        api.current?.purgeInfiniteCache();
      },
    };
  }

  const key = columns?.key ?? [];
  const moneyColumns = (columns?.columns ?? []).filter((column) => column.kind === 'money');
  return (
    <section className="grid-panel" aria-label={props.label}>
      <div className="grid-toolbar">
        <label htmlFor={searchId}>{t('grid.quickSearch')}</label>
        <input
          id={searchId}
          type="search"
          className="input"
          placeholder={t('grid.quickSearchHint')}
          value={searchText}
          onChange={(event) => {
            search.current = event.target.value;
            setSearchText(event.target.value);
            api.current?.purgeInfiniteCache();
          }}
        />
      </div>
      {error !== undefined && <ErrorNotice error={error} />}
      {failure !== undefined && <ErrorNotice error={failure} />}
      <div className={`grid-frame ${GRID_THEME_CLASS}`} data-testid={`grid-${view}`}>
        {columns && (
          <AgGridReact<GridRow>
            theme={GRID_THEME}
            columnDefs={columnDefs}
            rowModelType="infinite"
            datasource={datasource}
            cacheBlockSize={PAGE_ROWS}
            maxBlocksInCache={20}
            getRowId={(params) => key.map((id) => String(params.data[id] ?? '')).join('|')}
            rowSelection={
              props.selectable ? { mode: 'multiRow', checkboxes: true, headerCheckbox: false } : undefined
            }
            onGridReady={(event: GridReadyEvent<GridRow>) => {
              api.current = event.api;
            }}
            onSelectionChanged={(event: SelectionChangedEvent<GridRow>) =>
              onSelectionChange?.(event.api.getSelectedRows())
            }
            onRowDoubleClicked={(event) => event.data && onOpen?.(event.data)}
            onCellKeyDown={(event) => {
              const key = (event.event as KeyboardEvent | undefined)?.key;
              if (key === 'Enter' && event.data) onOpen?.(event.data);
            }}
            onCellClicked={(event) => event.data && onOpen?.(event.data)}
          />
        )}
      </div>
      <p className="grid-summary" aria-live="polite" data-testid="grid-summary">
        {summary && (
          <>
            <span data-testid="grid-count">{t('grid.rows', { count: summary.lastRow })}</span>
            {moneyColumns.slice(0, 3).map((column) => (
              <span
                key={column.id}
                data-testid={`grid-total-${column.id}`}
                data-value={summary.totals[column.id]}
              >
                {t(`columns.${column.id}`, { defaultValue: column.id })}:{' '}
                {formatMoney(summary.totals[column.id], i18n.language)}
              </span>
            ))}
          </>
        )}
      </p>
    </section>
  );
}
