/**
 * Orders models so that each comes after everything it refs. A cycle is an error that names the
 * models on it, in order (a -> b -> a), because a template cannot be built otherwise.
 */
export function topologicalOrder(dependencies: ReadonlyMap<string, readonly string[]>): string[] {
  const order: string[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const path: string[] = [];

  const visit = (name: string): void => {
    const current = state.get(name);
    if (current === 'done') return;
    if (current === 'visiting') {
      const cycle = [...path.slice(path.indexOf(name)), name];
      throw new Error(`The models form a cycle: ${cycle.join(' -> ')}`);
    }
    const refs = dependencies.get(name);
    if (!refs) throw new Error(`Unknown model ${name}`);
    state.set(name, 'visiting');
    path.push(name);
    for (const ref of refs) {
      if (!dependencies.has(ref)) throw new Error(`Model ${name} refs ${ref}, which does not exist`);
      visit(ref);
    }
    path.pop();
    state.set(name, 'done');
    order.push(name);
  };

  for (const name of [...dependencies.keys()].sort()) visit(name);
  return order;
}

/** The selected models plus everything downstream of them, in build order. */
export function downstreamOf(
  order: readonly string[],
  dependencies: ReadonlyMap<string, readonly string[]>,
  selected: readonly string[],
): string[] {
  const chosen = new Set(selected);
  for (const name of order) {
    if ((dependencies.get(name) ?? []).some((ref) => chosen.has(ref))) chosen.add(name);
  }
  return order.filter((name) => chosen.has(name));
}
