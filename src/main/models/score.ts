import type { SqlSession } from '../warehouse/session';

/**
 * Scores predicted alta -> invoice links against an answer key (the simulator's). A pair counts once;
 * UUIDs compare upper-cased and trimmed, altas trimmed. Every miss is listed, so a score below
 * target says exactly which altas to look at.
 */
export interface MatchPair {
  alta: string;
  invoiceUuid: string;
}

export interface MatchMiss {
  alta: string;
  /** What the answer key says (null: the key has no invoice for this alta). */
  expected: string | null;
  /** What the models linked (null: no link). */
  predicted: string | null;
}

export interface MatchScore {
  truePositives: number;
  predicted: number;
  expected: number;
  /** Share of predicted links that are right; 1 when nothing was predicted. */
  precision: number;
  /** Share of expected links that were found; 1 when nothing was expected. */
  recall: number;
  misses: MatchMiss[];
}

function byAlta(pairs: readonly MatchPair[]): Map<string, string> {
  const map = new Map<string, string>();
  for (const pair of pairs) {
    const alta = pair.alta.trim();
    const uuid = pair.invoiceUuid.trim().toUpperCase();
    const existing = map.get(alta);
    if (existing !== undefined && existing !== uuid) {
      throw new Error(
        `Alta ${alta} is paired with two invoices (${existing}, ${uuid}): one alta, one invoice`,
      );
    }
    map.set(alta, uuid);
  }
  return map;
}

export function scoreMatches(predicted: readonly MatchPair[], truth: readonly MatchPair[]): MatchScore {
  const predictedByAlta = byAlta(predicted);
  const expectedByAlta = byAlta(truth);
  let truePositives = 0;
  const misses: MatchMiss[] = [];
  for (const alta of new Set([...predictedByAlta.keys(), ...expectedByAlta.keys()])) {
    const expected = expectedByAlta.get(alta) ?? null;
    const guess = predictedByAlta.get(alta) ?? null;
    if (expected !== null && guess === expected) truePositives += 1;
    else misses.push({ alta, expected, predicted: guess });
  }
  misses.sort((a, b) => a.alta.localeCompare(b.alta));
  return {
    truePositives,
    predicted: predictedByAlta.size,
    expected: expectedByAlta.size,
    precision: predictedByAlta.size === 0 ? 1 : truePositives / predictedByAlta.size,
    recall: expectedByAlta.size === 0 ? 1 : truePositives / expectedByAlta.size,
    misses,
  };
}

/**
 * Misses the files cannot decide: the model linked the alta to one invoice, the key to another, and
 * both invoices were candidates of the alta with the same evidence (article, quantity, amount and
 * the same distance in days). Such twins are interchangeable; any one-to-one pairing fits the files.
 */
export async function undecidableMisses(
  session: SqlSession,
  misses: readonly MatchMiss[],
): Promise<MatchMiss[]> {
  const swapped = misses.filter((miss) => miss.expected !== null && miss.predicted !== null);
  if (swapped.length === 0) return [];
  const altas = [...new Set(swapped.map((miss) => miss.alta))];
  const rows = await session.all(
    `SELECT no_alta, invoice_uuid, date_rank FROM intermediate.int_match_candidates
     WHERE no_alta IN (${altas.map((_, index) => `$${index + 1}`).join(', ')})`,
    altas,
  );
  const rank = new Map(rows.map((row) => [`${row.no_alta} ${row.invoice_uuid}`, String(row.date_rank)]));
  const twins = new Set(
    swapped
      .filter((miss) => {
        const got = rank.get(`${miss.alta} ${miss.predicted}`);
        return got !== undefined && got === rank.get(`${miss.alta} ${miss.expected}`);
      })
      .map((miss) => miss.alta),
  );
  return swapped.filter((miss) => twins.has(miss.alta));
}

/** The score over what the files can decide: undecidable misses leave both the predicted and expected counts. */
export function decidableScore(score: MatchScore, undecidable: readonly MatchMiss[]): MatchScore {
  const excluded = new Set(undecidable.map((miss) => miss.alta));
  const predicted = score.predicted - excluded.size;
  const expected = score.expected - excluded.size;
  return {
    ...score,
    predicted,
    expected,
    precision: predicted === 0 ? 1 : score.truePositives / predicted,
    recall: expected === 0 ? 1 : score.truePositives / expected,
    misses: score.misses.filter((miss) => !excluded.has(miss.alta)),
  };
}
