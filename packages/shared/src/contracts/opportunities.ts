/** Contracts of issue 3: opportunities. */
export {};
