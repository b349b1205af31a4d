/** Tables of the leads module (issue 3). */
export {};
