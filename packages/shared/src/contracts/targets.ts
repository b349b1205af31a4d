/** Contracts of issue 3: targets. */
export {};
