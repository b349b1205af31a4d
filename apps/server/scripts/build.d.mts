/** Types of build.mjs, for the TypeScript that imports it (tests, benchmark harness). */
export function buildServer(opts?: { quiet?: boolean; outdir?: string }): Promise<void>;
