import type { SqlSession } from '../warehouse/session';
import type { ModelState } from './fingerprints';
import { changesTable, type RenderedBranches, type RenderedModel } from './render';

/**
 * What an incremental model's merge removed and added, kept for the models after it in the same build:
 * a model that reads `changes('m')` finds there the rows of m that moved, instead of comparing the whole
 * of m with what it stored. One temporary table per such model (`_change` is 'removed' or 'added'), empty
 * when the model was not merged in this build.
 */

/** The models some chosen model reads the changes of. */
export function modelsWithReaders(rendered: readonly RenderedBranches[]): Set<string> {
  return new Set(rendered.flatMap(({ incremental }) => incremental.changeRefs));
}

/** Empties the change tables of these models (name, relation), so a build never reads an earlier build's. */
export async function resetChanges(session: SqlSession, models: Iterable<[string, string]>): Promise<void> {
  for (const [name, relation] of models) {
    await session.run(
      `CREATE OR REPLACE TEMP TABLE ${changesTable(name)} AS SELECT *, CAST(NULL AS VARCHAR) AS _change FROM ${relation} LIMIT 0`,
    );
  }
}

/**
 * Whether a model may merge by reading the changes of the models it names: each must exist and have
 * been last written (before this build) no later than the model itself. A model that failed after an
 * upstream merge would otherwise miss that merge's changes, which no table keeps; it is built whole.
 */
export function inStepWithChanges(
  model: RenderedModel,
  previous: ModelState | undefined,
  stored: ReadonlyMap<string, ModelState>,
): boolean {
  return model.changeRefs.every((name) => {
    const upstream = stored.get(name)?.buildSeq;
    const own = previous?.buildSeq;
    return upstream != null && own != null && upstream <= own;
  });
}

/** Inside a merge, before its delete: the stored rows it is about to replace. */
export async function keepRemoved(
  tx: SqlSession,
  model: RenderedModel,
  incomingKeys: string,
  matches: string,
): Promise<void> {
  await tx.run(
    `CREATE OR REPLACE TEMP TABLE ${changesTable(model.name)} AS
     SELECT *, 'removed' AS _change FROM ${model.relation}
     SEMI JOIN (${incomingKeys}) AS incoming_keys ON ${matches}`,
  );
}

/** Inside a merge, after its insert: the rows it added (`rows`, a query of the model's columns). */
export async function keepAdded(tx: SqlSession, model: RenderedModel, rows: string): Promise<void> {
  await tx.run(`INSERT INTO ${changesTable(model.name)} BY NAME SELECT *, 'added' AS _change FROM (${rows})`);
}
