/** Tables of the sales-targets module (issue 3). */
export {};
