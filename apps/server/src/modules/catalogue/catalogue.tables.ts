/** Tables of the catalogue module. Product catalogue: categories, series (套系), products with SKU, price, care and maintenance interval (ORD-1). */
export {};
