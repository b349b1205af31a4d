/** Tables of loyalty — tiers (issue 5). */
export {};
