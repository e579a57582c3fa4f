import {
  decidableScore,
  type MatchMiss,
  type MatchPair,
  type MatchScore,
  scoreMatches,
  undecidableMisses,
} from '../../../src/main/models/score';
import type { SqlSession } from '../../../src/main/warehouse/session';
import type { AnswerKey } from '../../sim/world/answer-key';

/** The links the models made and the answer key's, both ways of the chain, scored. */
export interface WorldScore {
  altaToInvoice: MatchScore;
  /** alta -> invoice over what the files can decide (interchangeable twins left out). */
  decidableAltaToInvoice: MatchScore;
  invoiceToPrei: MatchScore;
  /** Misses between interchangeable twins: listed, not counted in the decidable score. */
  undecidable: MatchMiss[];
}

/** alta -> its valid (not cancelled) invoice, as the answer key has it. */
export function expectedAltaInvoices(key: AnswerKey): MatchPair[] {
  return key.altas.flatMap((alta) =>
    alta.invoiceUuid ? [{ alta: alta.noAlta, invoiceUuid: alta.invoiceUuid }] : [],
  );
}

/** invoice -> its PREI documento (the primary upload), keyed by UUID; scored with the same scorer. */
export function expectedInvoicePrei(key: AnswerKey): MatchPair[] {
  return key.altas.flatMap((alta) =>
    alta.invoiceUuid && alta.preiDocumento
      ? [{ alta: alta.invoiceUuid, invoiceUuid: alta.preiDocumento }]
      : [],
  );
}

export async function scoreWorld(session: SqlSession, key: AnswerKey): Promise<WorldScore> {
  const altaLinks = await session.all(
    `SELECT no_alta AS alta, invoice_uuid AS "invoiceUuid" FROM marts.reconciliation
     WHERE row_kind = 'alta' AND invoice_uuid IS NOT NULL AND NOT invoice_cancelled`,
  );
  const preiLinks = await session.all(
    `SELECT DISTINCT invoice_uuid AS alta, prei_documento AS "invoiceUuid" FROM marts.reconciliation
     WHERE row_kind = 'alta' AND prei_documento IS NOT NULL AND NOT invoice_cancelled`,
  );
  const altaToInvoice = scoreMatches(altaLinks as unknown as MatchPair[], expectedAltaInvoices(key));
  const undecidable = await undecidableMisses(session, altaToInvoice.misses);
  return {
    altaToInvoice,
    decidableAltaToInvoice: decidableScore(altaToInvoice, undecidable),
    invoiceToPrei: scoreMatches(preiLinks as unknown as MatchPair[], expectedInvoicePrei(key)),
    undecidable,
  };
}

/** One line per figure and one per miss, with the rule that made the wrong or missing link. */
export async function describeScore(session: SqlSession, label: string, score: WorldScore): Promise<string> {
  const rules = new Map(
    (
      await session.all(
        `SELECT no_alta, coalesce(match_rule, lifecycle_status) AS rule FROM marts.reconciliation WHERE row_kind = 'alta'`,
      )
    ).map((row) => [String(row.no_alta), String(row.rule)]),
  );
  const lines = [`${label}`];
  const figures: Array<[string, MatchScore]> = [
    ['alta -> invoice, decidable', score.decidableAltaToInvoice],
    ['invoice -> PREI', score.invoiceToPrei],
  ];
  for (const [name, s] of figures) {
    lines.push(
      `  ${name}: precision ${s.precision.toFixed(4)} recall ${s.recall.toFixed(4)} (${s.truePositives} right of ${s.predicted} predicted, ${s.expected} expected, ${s.misses.length} misses)`,
    );
    for (const miss of s.misses) {
      const rule = name.startsWith('alta') ? (rules.get(miss.alta) ?? 'no row') : '';
      lines.push(`    miss ${miss.alta}: expected ${miss.expected} got ${miss.predicted} ${rule}`);
    }
  }
  lines.push(
    `  undecidable (interchangeable twins, any pairing fits the files): ${score.undecidable.length}`,
  );
  for (const miss of score.undecidable) {
    lines.push(
      `    twin ${miss.alta}: key ${miss.expected} got ${miss.predicted} ${rules.get(miss.alta) ?? ''}`,
    );
  }
  return lines.join('\n');
}
