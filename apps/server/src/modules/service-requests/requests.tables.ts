/** Tables of the service-requests module. Customer requests and feedback with routing, SLA and escalation (SVC-1…SVC-4). */
export {};
