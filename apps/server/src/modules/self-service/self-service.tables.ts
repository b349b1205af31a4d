/** Tables of the self-service module. Public self-service page per tenant: verified request submission and tracking, public articles (SVC-6). */
export {};
