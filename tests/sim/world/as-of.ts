import type { OrderState } from './catalog';
import { type Day, dayFromIso } from './days';
import type { Alta, Invoice, Order, PaqRow, PreiUpload, StatusEvent, World } from './types';

/** First index whose day is >= day, in an array sorted by day. */
function lowerBound<T>(items: readonly T[], dayOf: (item: T) => Day, day: Day): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (dayOf(items[mid] as T) < day) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function between<T>(items: readonly T[], dayOf: (item: T) => Day, from: Day, to: Day): T[] {
  const out: T[] = [];
  for (let i = lowerBound(items, dayOf, from); i < items.length; i++) {
    const item = items[i] as T;
    if (dayOf(item) > to) break;
    out.push(item);
  }
  return out;
}

export interface PreiRow {
  upload: PreiUpload;
  invoice: Invoice;
  status: StatusEvent;
}

/** What the portals show on day `asOf`: records that exist by then, with their state of that day. */
export interface WorldView {
  world: World;
  asOf: Day;
  /** Altas with fechaAlta in [from, to]. */
  altas(from: Day, to: Day): Alta[];
  /** Orders with fechaExpedicion in [from, to]. */
  orders(from: Day, to: Day): Order[];
  orderState(order: Order): OrderState;
  /** Invoices issued by asOf (cancelled ones included). */
  invoices(): Invoice[];
  isCancelled(invoice: Invoice): boolean;
  /** PREI's Facturas vs CR rows with Fecha Factura in [from, to], in documento order. */
  preiRows(from: Day, to: Day): PreiRow[];
  uploadStatus(upload: PreiUpload): StatusEvent | null;
  /** PAQ rows typed in by asOf. */
  paq(): PaqRow[];
}

export function worldAsOf(world: World, asOf: Day | string): WorldView {
  const day = typeof asOf === 'string' ? dayFromIso(asOf) : asOf;
  const until = (to: Day) => Math.min(to, day);
  const uploadStatus = (upload: PreiUpload): StatusEvent | null => {
    let current: StatusEvent | null = null;
    for (const e of upload.events) if (e.day <= day) current = e;
    return current;
  };
  return {
    world,
    asOf: day,
    altas: (from, to) => between(world.altas, (a) => a.day, from, until(to)),
    orders: (from, to) => between(world.orders, (o) => o.issueDay, from, until(to)),
    orderState(order) {
      if (order.cancelDay !== null && order.cancelDay <= day) return 'Cancelada';
      let delivered = 0;
      for (const a of order.altas) {
        const alta = world.altas[a] as Alta;
        if (alta.day <= day) delivered += alta.quantity;
      }
      if (delivered === 0) return 'Pendiente';
      return delivered >= order.quantity ? 'Atendida' : 'Atendida Parcial';
    },
    invoices: () => between(world.invoices, (i) => i.day, world.invoices[0]?.day ?? 0, day),
    isCancelled: (invoice) => invoice.cancelDay !== null && invoice.cancelDay <= day,
    preiRows(from, to) {
      const rows: PreiRow[] = [];
      for (const invoice of between(world.invoices, (i) => i.day, from, until(to))) {
        for (const u of invoice.uploads) {
          const upload = world.uploads[u] as PreiUpload;
          const status = uploadStatus(upload);
          if (status) rows.push({ upload, invoice, status });
        }
      }
      return rows.sort((a, b) => (a.upload.documento < b.upload.documento ? -1 : 1));
    },
    uploadStatus,
    paq: () => world.paq.filter((row) => row.day <= day),
  };
}
