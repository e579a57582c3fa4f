import type { Random } from './random';
import type { Alta, Invoice, Order, PaqRow } from './types';

/** The typos a hand-kept workbook collects. */
const TYPOS = ['no dash', 'trailing space', 'swapped digits', 'blank order', 'blank alta'] as const;

function swapTwoDigits(rng: Random, text: string): string {
  const positions = [...text].flatMap((ch, i) => (/\d/.test(ch) && /\d/.test(text[i + 1] ?? '') ? [i] : []));
  const differing = positions.filter((i) => text[i] !== text[i + 1]);
  if (differing.length === 0) return `${text}0`;
  const i = rng.pick(differing);
  return text.slice(0, i) + text[i + 1] + text[i] + text.slice(i + 2);
}

/**
 * The supplier's PAQ workbook (Folio, Referencia = order, Alta): typed by hand a few days after each
 * invoice, with gaps, typos, duplicated rows and rows of invoices later cancelled.
 */
export function generatePaq(rng: Random, invoices: Invoice[], altas: Alta[], orders: Order[]): PaqRow[] {
  const rows: PaqRow[] = [];
  invoices.forEach((invoice, index) => {
    if (invoice.type !== 'I' || invoice.alta < 0) return;
    if (rng.chance(0.07)) return;
    if (invoice.cancelDay !== null && rng.chance(0.5)) return;
    const alta = altas[invoice.alta] as Alta;
    const row: PaqRow = {
      folio: `${invoice.serie}-${invoice.folio}`,
      referencia: (orders[alta.order] as Order).id,
      alta: alta.id,
      day: invoice.day + rng.int(0, 10),
      invoice: index,
    };
    if (rng.chance(0.03)) {
      const typo = rng.pick(TYPOS);
      if (typo === 'no dash') row.folio = `${invoice.serie}${invoice.folio}`;
      if (typo === 'trailing space') row.folio = `${row.folio} `;
      if (typo === 'swapped digits') row.alta = swapTwoDigits(rng, row.alta);
      if (typo === 'blank order') row.referencia = '';
      if (typo === 'blank alta') row.alta = '';
    }
    rows.push(row);
    if (rng.chance(0.01)) rows.push({ ...row, day: row.day + rng.int(0, 5) });
  });
  return rows.sort((a, b) => a.day - b.day || a.invoice - b.invoice);
}
