import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { GridRow } from '../../shared/api';
import type { ApiClient } from '../api/client';
import { PageHeader } from '../components';
import { DataGrid, type GridHandle } from '../grid/DataGrid';
import { SavedViews } from '../grid/SavedViews';
import { type DetailKey, DetailPanel } from './DetailPanel';
import { ExportButtons } from './ExportButtons';

const PINNED = ['no_alta'];
const HIDDEN = ['row_id', 'alta_src_file', 'alta_src_row', 'invoice_src_file', 'prei_src_file', 'row_kind'];

function detailKey(row: GridRow): DetailKey | undefined {
  if (row.no_alta) return { noAlta: String(row.no_alta) };
  if (row.invoice_uuid) return { invoiceUuid: String(row.invoice_uuid) };
  return undefined;
}

export function ReconciliationPage({ client }: { client: ApiClient }) {
  const { t } = useTranslation();
  const grid = useRef<GridHandle>(null);
  const [open, setOpen] = useState<DetailKey>();
  return (
    <>
      <PageHeader title={t('recon.title')}>
        <ExportButtons client={client} grid={grid} />
      </PageHeader>
      <SavedViews grid="reconciliation" handle={grid} />
      <div className="with-detail">
        <DataGrid
          client={client}
          view="reconciliation"
          label={t('recon.title')}
          pinned={PINNED}
          hidden={HIDDEN}
          handle={grid}
          onOpen={(row) => setOpen(detailKey(row))}
        />
        {open && <DetailPanel client={client} item={open} />}
      </div>
    </>
  );
}
