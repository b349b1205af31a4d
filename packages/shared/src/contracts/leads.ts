/** Contracts of issue 3: leads. */
export {};
