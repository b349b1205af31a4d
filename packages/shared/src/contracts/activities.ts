/** Contracts of issue 3: activities. */
export {};
