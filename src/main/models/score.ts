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
