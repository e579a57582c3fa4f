/**
 * The canonical datasets: the contract between the parsers (ingest), the stage, the warehouse loader
 * and the SQL models (`source('raw', '<dataset>')`). A canonical row holds every value as a string in
 * its canonical text form (or null), so money and ids never pass through a float:
 *   text      as is, trimmed, leading zeros kept
 *   money     exact decimal with two places, "1234.50", "-10.00"        -> DECIMAL(18,2)
 *   decimal   exact decimal, up to four places, "12.5"                   -> DECIMAL(18,4)
 *   integer   "42"                                                       -> BIGINT
 *   date      ISO "2025-06-30"                                           -> DATE
 *   timestamp ISO "2025-06-30T14:05:00" (local portal time, no zone)     -> TIMESTAMP
 * Staged files add the lineage columns `_src_file` (landing path of the raw file) and `_src_row`
 * (1-based row in that file); the warehouse adds `_stage_key` and `_loaded_at` when it loads them.
 */

export type ColumnType = 'text' | 'money' | 'decimal' | 'integer' | 'date' | 'timestamp';

export interface ColumnSpec {
  name: string;
  type: ColumnType;
  /** A required column must be present in the source file and non-null in every row. */
  required?: boolean;
}

export const SQL_TYPES: Record<ColumnType, string> = {
  text: 'VARCHAR',
  money: 'DECIMAL(18,2)',
  decimal: 'DECIMAL(18,4)',
  integer: 'BIGINT',
  date: 'DATE',
  timestamp: 'TIMESTAMP',
};

const col = (name: string, type: ColumnType, required = false): ColumnSpec => ({ name, type, required });

export const DATASETS = {
  /** SAI "Altas" report: one row per goods receipt, as of snapshot_date. */
  sai_altas: [
    col('no_alta', 'text', true),
    col('fecha_alta', 'date', true),
    col('no_contrato', 'text', true),
    col('no_orden', 'text', true),
    col('clave', 'text', true),
    col('cant_recibida', 'decimal', true),
    col('importe', 'money', true),
    col('fpp', 'date'),
    col('clas_ptal_recep', 'text'),
    col('desc_unidad', 'text'),
    col('clas_ptal_dist', 'text'),
    col('desc_dist', 'text'),
    col('total_items', 'integer'),
    col('resguardo', 'text'),
    col('snapshot_date', 'date', true),
  ],
  /** SAI "Ordenes" query: one row per order line, as of snapshot_date. */
  sai_orders: [
    col('contrato', 'text', true),
    col('solicitud', 'text'),
    col('orden', 'text', true),
    col('generacion', 'text'),
    col('cve_articulo', 'text', true),
    col('fecha_expedicion', 'date', true),
    col('lugar_entrega', 'text'),
    col('descripcion_entrega', 'text'),
    col('direccion_entrega', 'text'),
    col('destino_final', 'text'),
    col('estatus', 'text', true),
    col('fecha_entrega', 'date'),
    col('cantidad_solicitada', 'decimal', true),
    col('precio', 'decimal', true),
    col('importe_sin_iva', 'money', true),
    col('snapshot_date', 'date', true),
  ],
  /** PREI "Facturas vs CR": one row per uploaded invoice, as of snapshot_date, for one query window. */
  prei_invoices: [
    col('documento', 'text', true),
    col('folio_fiscal', 'text', true),
    col('fecha_factura', 'timestamp', true),
    col('importe', 'money', true),
    col('fecha_carga', 'timestamp'),
    col('unidad_negocio', 'text'),
    col('contra_recibo', 'text'),
    col('estado_cr', 'text', true),
    col('query_from', 'date', true),
    col('query_to', 'date', true),
    col('snapshot_date', 'date', true),
  ],
  /** CFDI header: one row per stamped XML (UUID upper-cased). */
  cfdi_invoices: [
    col('uuid', 'text', true),
    col('version', 'text', true),
    col('serie', 'text'),
    col('folio', 'text'),
    col('fecha', 'timestamp', true),
    col('tipo_comprobante', 'text', true),
    col('emisor_rfc', 'text', true),
    col('receptor_rfc', 'text', true),
    col('moneda', 'text'),
    col('subtotal', 'money', true),
    col('descuento', 'money'),
    col('total', 'money', true),
    col('impuestos_trasladados', 'money'),
    col('impuestos_retenidos', 'money'),
    col('tipo_relacion', 'text'),
    col('uuid_relacionado', 'text'),
    col('fecha_timbrado', 'timestamp'),
  ],
  /** CFDI concept lines: one row per Concepto, in document order. */
  cfdi_concepts: [
    col('uuid', 'text', true),
    col('line_no', 'integer', true),
    col('clave_prod_serv', 'text'),
    col('no_identificacion', 'text'),
    col('cantidad', 'decimal', true),
    col('clave_unidad', 'text'),
    col('descripcion', 'text'),
    col('valor_unitario', 'decimal', true),
    col('importe', 'money', true),
    col('descuento', 'money'),
  ],
  /** The supplier's hand-kept PAQ workbook: invoice folio -> order -> alta. */
  paq_links: [col('folio', 'text', true), col('referencia', 'text'), col('alta', 'text')],
} as const satisfies Record<string, readonly ColumnSpec[]>;

export type DatasetName = keyof typeof DATASETS;
export const DATASET_NAMES = Object.keys(DATASETS) as DatasetName[];

/** A canonical row: column name -> canonical text value or null. */
export type CanonicalRow = Record<string, string | null>;

export const LINEAGE_COLUMNS: readonly ColumnSpec[] = [
  col('_src_file', 'text', true),
  col('_src_row', 'integer', true),
];

/** A parsed file ready to stage: its rows in dataset column order, each with its lineage. */
export interface CanonicalBatch {
  dataset: DatasetName;
  /** Landing path of the raw file, relative to the data dir (e.g. landing/ab/abcd...xlsx). */
  srcFile: string;
  /** sha256 of the raw file. */
  srcSha256: string;
  /** `srcFile` on a row overrides the batch's: a staged batch may merge rows of several raw files. */
  rows: Array<{ srcRow: number; srcFile?: string; values: CanonicalRow }>;
  /** Columns the file had that the dataset does not know: kept in the report, never silently dropped. */
  extraColumns: string[];
}
