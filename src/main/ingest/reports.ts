/** The kinds of raw file Puente lands and parses; each has one reader. */
export const REPORT_KINDS = ['sai_altas', 'sai_orders', 'prei_facturas_cr', 'cfdi', 'paq'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

/** Where a raw file came from: a portal read by a connector, or a local folder / workbook. */
export const SOURCES = ['sai', 'prei', 'local'] as const;
export type SourceName = (typeof SOURCES)[number];
