// Run statuses across the boundary: the core's RunStatus numbers and their stable names.

/**
 * The stable name (`running`, `max-steps`, `converged`, `diverged`) of each RunStatus
 * number, indexed by the number, as the core names them.
 */
export function statusNames(wasm) {
  const names = [];
  for (const code of Object.values(wasm.RunStatus)) {
    if (typeof code === 'number') names[code] = wasm.statusName(code);
  }
  return names;
}
