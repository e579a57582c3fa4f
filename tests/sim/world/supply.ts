import { ARTICLES, DELEGATIONS, LOGISTICS, UNIT_TYPES } from './catalog';
import { type Day, dayFromIso, nextWeekday, weekdayOf, yearOf } from './days';
import type { Random } from './random';
import type { Alta, Contract, Order, Unit } from './types';

/** Deliveries per order, on average: most orders arrive in one alta, some in two or three. */
const ALTAS_PER_ORDER = 1.12;
const WEEKDAYS_PER_YEAR = 261;

export function generateUnits(rng: Random, altasPerYear: number): Unit[] {
  const delegationCount = Math.max(6, Math.min(DELEGATIONS.length, Math.round(altasPerYear / 400)));
  const indexes = DELEGATIONS.map((_, i) => i);
  for (let i = indexes.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [indexes[i], indexes[j]] = [indexes[j] as number, indexes[i] as number];
  }
  const units: Unit[] = [];
  for (const index of indexes.slice(0, delegationCount).sort((a, b) => a - b)) {
    const delegation = String(index + 1).padStart(2, '0');
    const delegationName = DELEGATIONS[index] as string;
    for (const type of UNIT_TYPES) {
      if (type.code !== '8001' && !rng.chance(0.35)) continue;
      units.push({
        delegation,
        code: type.code,
        kind: type.kind,
        name: `${type.name} ${delegationName}`,
        accentless: rng.chance(0.4),
        clasPtal: `0${delegation}${type.code}0${String(rng.int(0, 9999)).padStart(4, '0')}`,
        payingUnit: type.kind === 'warehouse' ? `000${delegation}` : `0${delegation}01`,
      });
    }
  }
  return units;
}

export function generateContracts(rng: Random, startDay: Day, endDay: Day, altasPerYear: number): Contract[] {
  const contracts: Contract[] = [];
  const ids = new Set<string>();
  const perYear = Math.max(2, Math.round(altasPerYear / 1500));
  for (let year = yearOf(startDay); year <= yearOf(endDay); year++) {
    for (let n = 0; n < perYear; n++) {
      let id: string;
      do id = `U${String(year % 100).padStart(2, '0')}${String(rng.int(0, 9999)).padStart(4, '0')}`;
      while (ids.has(id));
      ids.add(id);
      const biennial = rng.chance(0.25);
      const articleCount = rng.int(3, 8);
      const pool = [...ARTICLES];
      const articles = [];
      for (let a = 0; a < articleCount && pool.length > 0; a++) {
        const article = pool.splice(rng.int(0, pool.length - 1), 1)[0];
        if (!article) break;
        articles.push({
          clave: article.clave,
          description: article.description,
          priceCents: Math.round(article.priceCents * (0.92 + rng.next() * 0.16)),
          maxQuantity: 0,
          maxAmountCents: 0,
        });
      }
      contracts.push({
        id,
        startDay: dayFromIso(`${year}-01-01`),
        endDay: dayFromIso(`${biennial ? year + 1 : year}-12-31`),
        articles,
        penalty: { ratePerDay: '0.02', maxDays: 5 },
      });
    }
  }
  return contracts;
}

function roundToTen(n: number): number {
  return Math.max(10, Math.round(n / 10) * 10);
}

/** Splits a delivered total in `parts` partial deliveries, multiples of ten where possible. */
function splitQuantity(rng: Random, total: number, parts: number): number[] {
  const out: number[] = [];
  let left = total;
  for (let p = parts; p > 1; p--) {
    const share = Math.min(left - 10 * (p - 1), roundToTen(left * (0.3 + rng.next() * 0.4)));
    out.push(share);
    left -= share;
  }
  out.push(left);
  return out.filter((q) => q > 0);
}

/**
 * Daily orders against the contracts valid that day, and their deliveries (altas) by the two
 * logistics providers: lateness, partial and short deliveries, cancellations, orders never served.
 * Altas come back sorted by day, with ids numbered per receiving unit in that order.
 */
export function generateOrdersAndAltas(
  rng: Random,
  startDay: Day,
  endDay: Day,
  altasPerYear: number,
  contracts: Contract[],
  units: Unit[],
): { orders: Order[]; altas: Alta[] } {
  const orders: Order[] = [];
  const altas: Alta[] = [];
  const ordersPerDay = altasPerYear / ALTAS_PER_ORDER / WEEKDAYS_PER_YEAR;
  let nextOrderId = 40_100_000 + rng.int(0, 50_000);
  let nextSolicitud = 710_000_000 + rng.int(0, 90_000_000);
  let activeYear = -1;
  let active: number[] = [];

  for (let day = startDay; day <= endDay; day++) {
    if (weekdayOf(day) === 0 || weekdayOf(day) === 6) continue;
    // Contracts run whole calendar years, so the valid set only changes on 1 January.
    if (yearOf(day) !== activeYear) {
      activeYear = yearOf(day);
      active = contracts.flatMap((c, i) => (c.startDay <= day && day <= c.endDay ? [i] : []));
    }
    if (active.length === 0) continue;
    const count = Math.floor(ordersPerDay * (0.6 + rng.next() * 0.8) + rng.next());
    for (let n = 0; n < count; n++) {
      const contract = rng.pick(active);
      const articles = (contracts[contract] as Contract).articles;
      const article = rng.int(0, articles.length - 1);
      const spec = articles[article];
      const base = ARTICLES.find((a) => a.clave === spec?.clave)?.typicalQuantity ?? 1000;
      nextOrderId += rng.int(1, 3);
      nextSolicitud += rng.int(1, 40);
      const order: Order = {
        id: String(nextOrderId),
        solicitud: String(nextSolicitud),
        generacion: String(rng.int(1, 4)),
        contract,
        article,
        unit: rng.int(0, units.length - 1),
        issueDay: day,
        deadlineDay: day + rng.int(7, 25),
        quantity: roundToTen(base * (0.2 + rng.next() * 1.3)),
        priceCents: spec?.priceCents ?? 0,
        logistics: rng.chance(0.55) ? 0 : 1,
        cancelDay: null,
        altas: [],
      };
      const orderIndex = orders.push(order) - 1;
      const fate = rng.weighted([
        ['delivered', 93],
        ['cancelled', 4],
        ['never', 3],
      ] as const);
      if (fate === 'cancelled') order.cancelDay = nextWeekday(day + rng.int(1, 12));
      if (fate !== 'delivered') continue;
      addDeliveries(rng, order, orderIndex, altas);
    }
  }

  altas.sort((a, b) => a.day - b.day || a.order - b.order);
  numberAltas(rng, altas, orders, units);
  return { orders, altas };
}

function addDeliveries(rng: Random, order: Order, orderIndex: number, altas: Alta[]): void {
  const provider = LOGISTICS[order.logistics] ?? LOGISTICS[0];
  const parts = rng.weighted([
    [1, 82],
    [2, 14],
    [3, 4],
  ] as const);
  const short = parts > 1 && rng.chance(0.3);
  const total = short ? roundToTen(order.quantity * (0.5 + rng.next() * 0.45)) : order.quantity;
  const late = rng.chance(provider.lateProbability);
  let day = order.deadlineDay + (late ? rng.int(1, provider.maxLateDays) : -rng.int(0, 6));
  day = nextWeekday(Math.max(order.issueDay + 2, day));
  for (const quantity of splitQuantity(rng, Math.min(total, order.quantity), parts)) {
    altas.push({
      id: '',
      order: orderIndex,
      day,
      quantity,
      amountCents: quantity * order.priceCents,
      hasDistributor: rng.chance(0.35),
      duplicatedInExport: rng.chance(0.003),
      invoices: [],
    });
    day = nextWeekday(day + rng.int(3, 20));
  }
}

/** Alta ids `DDUUUU-NNNNNN`: a sequence per receiving unit, increasing with the alta date. */
function numberAltas(rng: Random, altas: Alta[], orders: Order[], units: Unit[]): void {
  const sequences = units.map(() => rng.int(100_000, 300_000));
  altas.forEach((alta, index) => {
    const order = orders[alta.order] as Order;
    const unit = units[order.unit] as Unit;
    const seq = (sequences[order.unit] as number) + 1;
    sequences[order.unit] = seq;
    alta.id = `${unit.delegation}${unit.code}-${String(seq).padStart(6, '0')}`;
    order.altas.push(index);
  });
}

/** Contract ceilings from what was ordered: most leave headroom, a few are exceeded (a real finding). */
export function setContractCeilings(rng: Random, contracts: Contract[], orders: Order[]): void {
  const ordered = contracts.map((c) => c.articles.map(() => 0));
  for (const order of orders) {
    const row = ordered[order.contract] as number[];
    row[order.article] = (row[order.article] ?? 0) + order.quantity;
  }
  contracts.forEach((contract, c) => {
    contract.articles.forEach((article, a) => {
      const total = ordered[c]?.[a] ?? 0;
      const factor = rng.chance(0.1) ? 0.9 : 1.05 + rng.next() * 0.3;
      article.maxQuantity = roundToTen(total * factor);
      article.maxAmountCents = article.maxQuantity * article.priceCents;
    });
  });
}
