import type { PreiState } from './catalog';
import { type Day, nextWeekday, weekdayOf } from './days';
import type { Random } from './random';
import type { Alta, Invoice, Order, PreiUpload, StatusEvent, Unit } from './types';

/** The supplier uploads in batches on Tuesdays and Thursdays. */
function nextBatchDay(day: Day): Day {
  let d = day;
  while (weekdayOf(d) !== 2 && weekdayOf(d) !== 4) d++;
  return d;
}

/** Events under a contrarecibo and their (day, paying unit) group keys, numbered once all are known. */
interface PendingCrs {
  events: StatusEvent[];
  keys: number[];
}

function event(day: Day, state: PreiState, unit: string | null = null): StatusEvent {
  return { day, state, contraRecibo: null, unidadNegocio: unit };
}

/**
 * One upload's life: uploaded 'Sin Contra Recibo', grouped in a contrarecibo ('En proceso'),
 * sometimes withdrawn and re-issued, 'Aprobado', 'Pagado'; a few stall 'En revisión' or are
 * 'Rechazado'. Contrarecibo numbers are assigned later, once every (unit, day) group is known.
 */
function lifecycle(rng: Random, upload: Day, payingUnit: string, crs: PendingCrs): StatusEvent[] {
  const events = [event(upload, 'Sin Contra Recibo')];
  if (rng.chance(0.01)) {
    events.push(event(upload + rng.int(2, 10), 'Rechazado'));
    return events;
  }
  // Every event under a contrarecibo carries its number, known once all groups are.
  let crKey = 0;
  const underCr = (day: Day, state: PreiState): Day => {
    const crEvent = event(day, state, payingUnit);
    crs.events.push(crEvent);
    crs.keys.push(crKey);
    events.push(crEvent);
    return day;
  };
  const issueCr = (day: Day): Day => {
    crKey = day * 100_000 + Number(payingUnit);
    return underCr(day, 'En proceso');
  };
  let crDay = issueCr(nextWeekday(upload + rng.int(3, 35)));
  if (rng.chance(0.04)) {
    const withdrawn = nextWeekday(crDay + rng.int(2, 12));
    events.push(event(withdrawn, 'Sin Contra Recibo'));
    crDay = issueCr(nextWeekday(withdrawn + rng.int(5, 20)));
  }
  const reviewed = nextWeekday(crDay + rng.int(3, 15));
  if (rng.chance(0.01)) {
    underCr(reviewed, 'En revisión');
    return events;
  }
  underCr(reviewed, 'Aprobado');
  underCr(nextWeekday(reviewed + rng.int(5, 25)), 'Pagado');
  return events;
}

/**
 * PREI uploads 1 to 5 weeks after the invoice, in batches; some invoices are never uploaded, a few
 * twice. Documento numbers increase with upload; contrarecibos group a paying unit's invoices of a
 * day. Fills each invoice's `uploads`.
 */
export function generateUploads(
  rng: Random,
  invoices: Invoice[],
  altas: Alta[],
  orders: Order[],
  units: Unit[],
): PreiUpload[] {
  const drafts: PreiUpload[] = [];
  const crs: PendingCrs = { events: [], keys: [] };
  invoices.forEach((invoice, index) => {
    if (invoice.type !== 'I' || invoice.customer !== -1 || invoice.alta < 0) return;
    if (invoice.cancelDay !== null || rng.chance(0.03)) return;
    const order = orders[(altas[invoice.alta] as Alta).order] as Order;
    const payingUnit = (units[order.unit] as Unit).payingUnit;
    const day = nextBatchDay(invoice.day + rng.int(7, 35));
    const upload = (on: Day, duplicate: boolean): PreiUpload => ({
      documento: '',
      invoice: index,
      day: on,
      seconds: rng.int(8 * 3600, 18 * 3600),
      folioFiscal: rng.chance(0.05) ? invoice.uuid.toLowerCase() : invoice.uuid,
      duplicate,
      events: duplicate
        ? [event(on, 'Sin Contra Recibo'), event(on + rng.int(2, 8), 'Rechazado')]
        : lifecycle(rng, on, payingUnit, crs),
    });
    drafts.push(upload(day, false));
    if (rng.chance(0.005)) drafts.push(upload(nextBatchDay(day + rng.int(1, 10)), true));
  });

  numberContraRecibos(rng, crs);
  drafts.sort((a, b) => a.day - b.day || a.seconds - b.seconds || a.invoice - b.invoice);
  let documento = rng.int(1_200_000, 1_900_000);
  drafts.forEach((upload, i) => {
    documento += rng.int(1, 3);
    upload.documento = String(documento).padStart(8, '0');
    (invoices[upload.invoice] as Invoice).uploads.push(i);
  });
  return drafts;
}

function numberContraRecibos(rng: Random, crs: PendingCrs): void {
  const keys = Float64Array.from(new Set(crs.keys)).sort();
  const numbers = new Map<number, string>();
  let next = rng.int(400_000, 600_000);
  for (const key of keys) {
    next += rng.int(1, 4);
    numbers.set(key, String(next).padStart(8, '0'));
  }
  crs.events.forEach((event, i) => {
    event.contraRecibo = numbers.get(crs.keys[i] as number) ?? null;
  });
}
