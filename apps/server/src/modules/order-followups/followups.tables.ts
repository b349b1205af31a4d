/** Tables of the order-followups module. After-sales follow-up steps of paid orders (ORD-2). */
export {};
