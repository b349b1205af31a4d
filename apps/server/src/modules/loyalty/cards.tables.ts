/** Tables of loyalty — cards (issue 5). */
export {};
