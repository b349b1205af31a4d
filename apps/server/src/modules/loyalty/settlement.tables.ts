/** Tables of loyalty — settlement (issue 5). */
export {};
