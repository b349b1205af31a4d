/** Tables of the sales-activities module (issue 3). */
export {};
