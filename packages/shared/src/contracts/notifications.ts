/** Contracts of issue 3: notifications. */
export {};
