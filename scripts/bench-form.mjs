// The request form's part of the benchmark (scripts/bench.mjs): filled in once the form's
// worker-based writer is in; until then it reports that it was not measured.
export async function measureForm() {
  return null;
}
