import { worldAsOf } from './as-of';
import { type AltaTrueStatus, IMSS, type OrderState, OTHER_CUSTOMERS, type PreiState } from './catalog';
import { type Day, isoOf, isoTimestamp } from './days';
import { centsToDecimal } from './money';
import type { Alta, Contract, Invoice, Order, PreiUpload, World } from './types';

/** The truth beside the world, as of one day: what a perfect reconciliation would find. */
export interface AltaTruth {
  noAlta: string;
  orden: string;
  contrato: string;
  clave: string;
  fechaAlta: string;
  cantidad: number;
  importe: string;
  /** The valid invoice of this alta (upper-case UUID), null when not invoiced (yet). */
  invoiceUuid: string | null;
  /** Invoices of this alta cancelled by asOf. */
  cancelledUuids: string[];
  preiDocumento: string | null;
  status: AltaTrueStatus;
  contraRecibo: string | null;
  unidadNegocio: string | null;
}

export interface OrderTruth {
  orden: string;
  contrato: string;
  clave: string;
  estatus: OrderState;
  fechaExpedicion: string;
  fechaEntrega: string;
  cantidadSolicitada: number;
  cantidadRecibida: number;
  altas: string[];
}

export interface InvoiceTruth {
  uuid: string;
  serie: string;
  folio: string;
  fecha: string;
  tipo: 'I' | 'E';
  receptorRfc: string;
  total: string;
  cancelled: boolean;
  relatedUuid: string | null;
  alta: string | null;
  orden: string | null;
  preiDocumentos: string[];
}

export interface PreiTruth {
  documento: string;
  uuid: string;
  estado: PreiState;
  duplicate: boolean;
}

export interface AnswerKey {
  asOf: string;
  params: World['params'];
  altas: AltaTruth[];
  orders: OrderTruth[];
  invoices: InvoiceTruth[];
  prei: PreiTruth[];
  /** PAQ rows in workbook order with the invoice each really refers to (typos notwithstanding). */
  paq: { folio: string; referencia: string; alta: string; trueUuid: string }[];
}

export function answerKey(world: World, asOf: Day | string): AnswerKey {
  const view = worldAsOf(world, asOf);
  const day = view.asOf;
  const orderOf = (alta: Alta) => world.orders[alta.order] as Order;
  const contractOf = (order: Order) => world.contracts[order.contract] as Contract;
  const clave = (order: Order) => contractOf(order).articles[order.article]?.clave ?? '';
  const primaryUpload = (invoice: Invoice): PreiUpload | null => {
    for (const u of invoice.uploads) {
      const upload = world.uploads[u] as PreiUpload;
      if (!upload.duplicate && upload.day <= day) return upload;
    }
    return null;
  };

  const altas = view.altas(world.altas[0]?.day ?? 0, day).map((alta): AltaTruth => {
    const order = orderOf(alta);
    const issued = alta.invoices.map((i) => world.invoices[i] as Invoice).filter((i) => i.day <= day);
    const valid = issued.filter((i) => !view.isCancelled(i)).at(-1) ?? null;
    const upload = valid ? primaryUpload(valid) : null;
    const status = upload ? view.uploadStatus(upload) : null;
    return {
      noAlta: alta.id,
      orden: order.id,
      contrato: contractOf(order).id,
      clave: clave(order),
      fechaAlta: isoOf(alta.day),
      cantidad: alta.quantity,
      importe: centsToDecimal(alta.amountCents),
      invoiceUuid: valid?.uuid ?? null,
      cancelledUuids: issued.filter((i) => view.isCancelled(i)).map((i) => i.uuid),
      preiDocumento: upload?.documento ?? null,
      status: valid === null ? 'Por facturar' : (status?.state ?? 'No en PREI'),
      contraRecibo: status?.contraRecibo ?? null,
      unidadNegocio: status?.unidadNegocio ?? null,
    };
  });

  const orders = view.orders(world.orders[0]?.issueDay ?? 0, day).map(
    (order): OrderTruth => ({
      orden: order.id,
      contrato: contractOf(order).id,
      clave: clave(order),
      estatus: view.orderState(order),
      fechaExpedicion: isoOf(order.issueDay),
      fechaEntrega: isoOf(order.deadlineDay),
      cantidadSolicitada: order.quantity,
      cantidadRecibida: order.altas
        .map((a) => world.altas[a] as Alta)
        .filter((a) => a.day <= day)
        .reduce((sum, a) => sum + a.quantity, 0),
      altas: order.altas
        .map((a) => world.altas[a] as Alta)
        .filter((a) => a.day <= day)
        .map((a) => a.id),
    }),
  );

  const invoices = view.invoices().map((invoice): InvoiceTruth => {
    const alta = invoice.alta >= 0 ? (world.altas[invoice.alta] as Alta) : null;
    return {
      uuid: invoice.uuid,
      serie: invoice.serie,
      folio: invoice.folio,
      fecha: isoTimestamp(invoice.day, invoice.seconds),
      tipo: invoice.type,
      receptorRfc: invoice.customer < 0 ? IMSS.rfc : (OTHER_CUSTOMERS[invoice.customer]?.rfc ?? ''),
      total: centsToDecimal(invoice.totalCents),
      cancelled: view.isCancelled(invoice),
      relatedUuid: invoice.related >= 0 ? (world.invoices[invoice.related]?.uuid ?? null) : null,
      alta: alta?.id ?? null,
      orden: alta ? orderOf(alta).id : null,
      preiDocumentos: invoice.uploads
        .map((u) => world.uploads[u] as PreiUpload)
        .filter((u) => u.day <= day)
        .map((u) => u.documento),
    };
  });

  const prei = world.uploads.flatMap((upload): PreiTruth[] => {
    const status = view.uploadStatus(upload);
    if (!status) return [];
    const uuid = (world.invoices[upload.invoice] as Invoice).uuid;
    return [{ documento: upload.documento, uuid, estado: status.state, duplicate: upload.duplicate }];
  });

  const paq = view.paq().map((row) => ({
    folio: row.folio,
    referencia: row.referencia,
    alta: row.alta,
    trueUuid: (world.invoices[row.invoice] as Invoice).uuid,
  }));

  return { asOf: isoOf(day), params: world.params, altas, orders, invoices, prei, paq };
}
