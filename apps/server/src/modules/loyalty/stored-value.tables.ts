/** Tables of loyalty — stored-value (issue 5). */
export {};
