/** Tables of loyalty — bonus-rules (issue 5). */
export {};
