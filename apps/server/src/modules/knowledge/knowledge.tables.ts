/** Tables of the knowledge module. Knowledge base articles in a category tree (SVC-5). */
export {};
