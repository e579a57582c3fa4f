import { ARTICLES, OTHER_CUSTOMERS } from './catalog';
import { type Day, dayFromIso, nextWeekday } from './days';
import type { Random } from './random';
import type { Alta, Contract, Invoice, Order } from './types';

const CFDI_40_MANDATORY = dayFromIso('2023-04-01');

function uuid(rng: Random): string {
  const h = rng.hex(32).toUpperCase();
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

function version(rng: Random, day: Day): '4.0' | '3.3' {
  if (day < CFDI_40_MANDATORY) return rng.chance(0.7) ? '3.3' : '4.0';
  return rng.chance(0.02) ? '3.3' : '4.0';
}

function draft(rng: Random, day: Day, fields: Partial<Invoice>): Invoice {
  return {
    serie: '',
    folio: '',
    uploads: [],
    uuid: uuid(rng),
    version: version(rng, day),
    type: 'I',
    day,
    seconds: rng.int(9 * 3600, 19 * 3600),
    customer: -1,
    alta: -1,
    lots: 1,
    clave: '',
    description: '',
    quantity: 0,
    unitPriceCents: 0,
    totalCents: 0,
    cancelDay: null,
    related: -1,
    relationType: null,
    lowercaseInXml: rng.chance(0.04),
    ...fields,
  };
}

/**
 * CFDI invoices: one per alta mostly (some split in lots, some never issued), cancellations with
 * their replacement, credit notes, and invoices to other customers. Returned sorted by date and
 * time with folios numbered in that order; each alta's `invoices` is filled.
 */
export function generateInvoices(
  rng: Random,
  altas: Alta[],
  orders: Order[],
  contracts: Contract[],
  startDay: Day,
  endDay: Day,
): Invoice[] {
  const drafts: Invoice[] = [];
  altas.forEach((alta, altaIndex) => {
    if (rng.chance(0.025)) return;
    const order = orders[alta.order] as Order;
    const article = (contracts[order.contract] as Contract).articles[order.article];
    const billing = {
      alta: altaIndex,
      lots: rng.weighted([
        [1, 95],
        [2, 4],
        [3, 1],
      ] as const),
      clave: article?.clave ?? '',
      description: article?.description ?? '',
      quantity: alta.quantity,
      unitPriceCents: order.priceCents,
      totalCents: alta.amountCents,
    };
    const day = nextWeekday(alta.day + rng.int(0, 6));
    const first = draft(rng, day, billing);
    const firstIndex = drafts.push(first) - 1;
    const fate = rng.weighted([
      ['kept', 97],
      ['cancelled', 1.5],
      ['credited', 1.5],
    ] as const);
    if (fate === 'cancelled') {
      first.cancelDay = day + rng.int(1, 8);
      const again = nextWeekday(first.cancelDay + rng.int(0, 1));
      drafts.push(draft(rng, again, { ...billing, related: firstIndex, relationType: '04' }));
    } else if (fate === 'credited') {
      const creditCents = Math.max(100, Math.round(alta.amountCents * (0.02 + rng.next() * 0.08)));
      drafts.push(
        draft(rng, nextWeekday(day + rng.int(10, 60)), {
          type: 'E',
          clave: billing.clave,
          description: `${billing.description} NOTA DE CREDITO POR ENTREGA TARDIA`,
          quantity: 1,
          unitPriceCents: creditCents,
          totalCents: creditCents,
          related: firstIndex,
          relationType: '01',
        }),
      );
    }
  });

  const otherCount = Math.round(altas.length * 0.02);
  for (let n = 0; n < otherCount; n++) {
    const article = rng.pick(ARTICLES);
    const quantity = rng.int(1, 50) * 10;
    drafts.push(
      draft(rng, nextWeekday(rng.int(startDay, endDay)), {
        customer: rng.int(0, OTHER_CUSTOMERS.length - 1),
        clave: article.clave,
        description: article.description,
        quantity,
        unitPriceCents: article.priceCents,
        totalCents: quantity * article.priceCents,
      }),
    );
  }

  return numberInvoices(rng, drafts, altas);
}

/** Sorts by date and time, numbers folios in that order, and remaps the indexes that point at drafts. */
function numberInvoices(rng: Random, drafts: Invoice[], altas: Alta[]): Invoice[] {
  const byIndex = drafts.map((_, i) => i);
  byIndex.sort((a, b) => {
    const x = drafts[a] as Invoice;
    const y = drafts[b] as Invoice;
    return x.day - y.day || x.seconds - y.seconds || a - b;
  });
  const newIndex = new Int32Array(drafts.length);
  byIndex.forEach((oldIndex, i) => {
    newIndex[oldIndex] = i;
  });
  const folios = { I: rng.int(3000, 9000), E: rng.int(100, 900) };
  const sorted = byIndex.map((oldIndex) => drafts[oldIndex] as Invoice);
  sorted.forEach((invoice, i) => {
    folios[invoice.type] += 1;
    invoice.serie = invoice.type === 'I' ? 'P' : 'NC';
    invoice.folio = String(folios[invoice.type]);
    if (invoice.related >= 0) invoice.related = newIndex[invoice.related] as number;
    if (invoice.alta >= 0) (altas[invoice.alta] as Alta).invoices.push(i);
  });
  return sorted;
}
