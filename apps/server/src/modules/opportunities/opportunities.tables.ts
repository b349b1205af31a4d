/** Tables of the opportunities module (issue 3). */
export {};
