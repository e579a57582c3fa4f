import type { PreiState } from './catalog';
import type { Day } from './days';

/**
 * The generated world. Records point at each other by array index; money is integer cents,
 * quantities are integers, days are Day numbers. Every event date is fixed at generation, so the
 * world "as of" a day is a filter (see as-of.ts) and moving the day forward shows real transitions.
 */

export interface WorldParams {
  seed: number;
  startDate: string;
  endDate: string;
  altasPerYear: number;
}

export interface Unit {
  delegation: string;
  code: string;
  kind: 'warehouse' | 'hospital';
  name: string;
  /** SAI writes this unit's name without accents (hand-typed catalogs are inconsistent). */
  accentless: boolean;
  /** 12-digit text with a leading zero. */
  clasPtal: string;
  /** PREI paying unit: `000DD` for a delegation, `0DD01` for a hospital. */
  payingUnit: string;
}

export interface ContractArticle {
  clave: string;
  description: string;
  priceCents: number;
  maxQuantity: number;
  maxAmountCents: number;
}

export interface Contract {
  id: string;
  startDay: Day;
  endDay: Day;
  articles: ContractArticle[];
  /** Penalty for late or short delivery, as decimal strings: rate per day late, capped days. */
  penalty: { ratePerDay: string; maxDays: number };
}

export interface Order {
  id: string;
  solicitud: string;
  generacion: string;
  contract: number;
  article: number;
  unit: number;
  issueDay: Day;
  deadlineDay: Day;
  quantity: number;
  priceCents: number;
  logistics: number;
  cancelDay: Day | null;
  altas: number[];
}

export interface Alta {
  id: string;
  order: number;
  day: Day;
  quantity: number;
  amountCents: number;
  /** The last four SAI columns (distributor, items, resguardo) are filled for this row. */
  hasDistributor: boolean;
  /** This row appears twice in SAI exports (a real portal quirk). */
  duplicatedInExport: boolean;
  /** Invoices issued for this alta, oldest first (a cancelled one, then its replacement). */
  invoices: number[];
}

export type InvoiceType = 'I' | 'E';

export interface Invoice {
  uuid: string;
  version: '4.0' | '3.3';
  type: InvoiceType;
  serie: string;
  folio: string;
  day: Day;
  seconds: number;
  /** -1 for IMSS, else an index in OTHER_CUSTOMERS. */
  customer: number;
  /** The alta it bills (income invoices to IMSS), else -1. */
  alta: number;
  /** Concept lines: an alta's quantity split in lots (1 mostly). */
  lots: number;
  /** Article and amounts for invoices with no alta (credit notes, other customers). */
  clave: string;
  description: string;
  quantity: number;
  unitPriceCents: number;
  totalCents: number;
  cancelDay: Day | null;
  /** Related CFDI: the credited invoice (E, TipoRelacion 01) or the cancelled one it replaces (04). */
  related: number;
  relationType: '01' | '04' | null;
  /** The XML writes the UUID in lowercase. */
  lowercaseInXml: boolean;
  uploads: number[];
}

export interface StatusEvent {
  day: Day;
  state: PreiState;
  contraRecibo: string | null;
  unidadNegocio: string | null;
}

export interface PreiUpload {
  documento: string;
  invoice: number;
  day: Day;
  seconds: number;
  /** The UUID as PREI shows it (sometimes lowercase). */
  folioFiscal: string;
  /** A second upload of an invoice already uploaded (PREI rejects it later). */
  duplicate: boolean;
  /** Sorted by day; the first is the upload itself ('Sin Contra Recibo'). */
  events: StatusEvent[];
}

export interface PaqRow {
  folio: string;
  referencia: string;
  alta: string;
  /** The day the analyst typed the row in. */
  day: Day;
  /** The invoice the row really refers to (the answer key's truth, typos or not). */
  invoice: number;
}

export interface World {
  params: WorldParams;
  startDay: Day;
  endDay: Day;
  units: Unit[];
  contracts: Contract[];
  /** Sorted by issue day. */
  orders: Order[];
  /** Sorted by day. */
  altas: Alta[];
  /** Sorted by day and time. */
  invoices: Invoice[];
  /** Sorted by upload day and time (documento increases with them). */
  uploads: PreiUpload[];
  /** Sorted by the day they were typed in. */
  paq: PaqRow[];
}
