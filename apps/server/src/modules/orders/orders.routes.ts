import { z } from 'zod';
import {
  AddPayment, ApproveChange, AuditRow, CancelOrder, ChangeRequest, CreateChangeRequest, CreateOrder, CreateReturn, CustomerOrderStats,
  DeliverOrder, ErpOrder, ErpUpsertResult, Order, OrderListQuery, OrderReturn, OrderSummary, RefuseChange, ScheduleDelivery, UpdateOrder, pageOf,
} from '@jiake/shared';
import type { RouteModule } from '../../platform/http/types.ts';
import { registerAuditScope } from '../../platform/audit/audit.service.ts';
import { scopedOrderIds } from './orders.repository.ts';
import * as svc from './orders.service.ts';
import * as life from './order-lifecycle.ts';
import * as changes from './order-changes.ts';
import { listReturns, returnOrderLines } from './order-returns.ts';
import { upsertExternalOrder } from './erp-upsert.ts';

const IdParams = z.object({ id: z.uuid() });
const ChangeParams = z.object({ id: z.uuid(), changeId: z.uuid() });
const ExternalParams = z.object({ externalId: z.string().trim().min(1).max(100).regex(/^[A-Za-z0-9._:/-]+$/) });
const tags = ['orders'];

/** Orders, payments, changes, returns and the ERP upsert (ORD-1, ORD-3). A record out of the caller's scope answers 404. */
export const orderRoutes: RouteModule = (app) => {
  // The audit trail shows a scoped caller the history of the orders it may see only.
  registerAuditScope('order', scopedOrderIds);

  app.get('/api/v1/orders', {
    config: { permission: 'orders:view' },
    schema: {
      tags,
      summary: 'Orders, newest first (keyset pages); q matches the order number (prefix), customer name or phone digits; from/to are order days',
      querystring: OrderListQuery,
      response: { 200: pageOf(OrderSummary) },
    },
    handler: async (req) => svc.listOrders(req.ctx, req.query),
  });
  app.get('/api/v1/orders/customer-stats', {
    config: { permission: 'orders:view' },
    schema: {
      tags,
      summary: 'Order count and amount spent (after returns) of one customer, over the orders the caller may see',
      querystring: z.object({ customerId: z.uuid() }),
      response: { 200: CustomerOrderStats },
    },
    handler: async (req) => svc.customerStats(req.ctx, req.query.customerId),
  });
  app.post('/api/v1/orders', {
    config: { permission: 'orders:create' },
    schema: { tags, summary: 'Create a draft order (prices default to the catalogue); the store defaults to the caller’s', body: CreateOrder, response: { 201: Order } },
    handler: async (req, reply) => reply.status(201).send(await svc.createOrder(req.ctx, req.body)),
  });
  app.put('/api/v1/orders/external/:externalId', {
    config: { permission: 'orders:edit' },
    schema: {
      tags: ['orders', 'integration'],
      summary:
        'ERP upsert of a whole order (idempotent: a replay writes nothing). Store by org-unit code (404 when unknown or out of scope), customer by id ' +
        'or phone (created in the store when new), lines by SKU, payments by reference; the status moves forward with its events. Creating needs ' +
        'orders:create, cancelling orders:cancel; 201 when created',
      params: ExternalParams,
      body: ErpOrder,
      response: { 200: ErpUpsertResult, 201: ErpUpsertResult },
    },
    handler: async (req, reply) => {
      const r = await upsertExternalOrder(req.ctx, req.params.externalId, req.body);
      return reply.status(r.created ? 201 : 200).send(r);
    },
  });
  app.get('/api/v1/orders/:id', {
    config: { permission: 'orders:view' },
    schema: { tags, summary: 'One order with lines, payments, returns and change requests', params: IdParams, response: { 200: Order } },
    handler: async (req) => svc.getOrder(req.ctx, req.params.id),
  });
  app.patch('/api/v1/orders/:id', {
    config: { permission: 'orders:edit' },
    schema: {
      tags,
      summary: 'Change an order: everything while a draft; afterwards notes and attribution only (items, address and date by change request, else 409)',
      params: IdParams,
      body: UpdateOrder,
      response: { 200: Order },
    },
    handler: async (req) => svc.updateOrder(req.ctx, req.params.id, req.body),
  });
  app.get('/api/v1/orders/:id/history', {
    config: { permission: 'orders:view' },
    schema: { tags, summary: 'Audit history of the order: every change, payment, status move, change request and return', params: IdParams, response: { 200: z.object({ items: z.array(AuditRow) }) } },
    handler: async (req) => svc.orderHistory(req.ctx, req.params.id),
  });

  app.post('/api/v1/orders/:id/confirm', {
    config: { permission: 'orders:edit' },
    schema: { tags, summary: 'Confirm a draft with lines (draft → confirmed; → paid at once if payments cover it)', params: IdParams, response: { 200: Order } },
    handler: async (req) => life.confirmOrder(req.ctx, req.params.id),
  });
  app.post('/api/v1/orders/:id/deliver', {
    config: { permission: 'orders:edit' },
    schema: { tags, summary: 'Mark a paid order delivered (emits order.delivered)', params: IdParams, body: DeliverOrder, response: { 200: Order } },
    handler: async (req) => life.deliverOrder(req.ctx, req.params.id, req.body),
  });
  app.post('/api/v1/orders/:id/complete', {
    config: { permission: 'orders:edit' },
    schema: { tags, summary: 'Complete a delivered order (emits order.completed)', params: IdParams, response: { 200: Order } },
    handler: async (req) => life.completeOrder(req.ctx, req.params.id),
  });
  app.post('/api/v1/orders/:id/cancel', {
    config: { permission: 'orders:cancel' },
    schema: { tags, summary: 'Cancel an order not yet delivered, with a reason (emits order.cancelled)', params: IdParams, body: CancelOrder, response: { 200: Order } },
    handler: async (req) => life.cancelOrder(req.ctx, req.params.id, req.body),
  });
  app.post('/api/v1/orders/:id/schedule-delivery', {
    config: { permission: 'orders:edit' },
    schema: {
      tags,
      summary: 'Agree the delivery date (and address) when none is agreed yet (emits order.deliveryScheduled); a later change is a change request',
      params: IdParams,
      body: ScheduleDelivery,
      response: { 200: Order },
    },
    handler: async (req) => life.scheduleDelivery(req.ctx, req.params.id, req.body),
  });
  app.post('/api/v1/orders/:id/payments', {
    config: { permission: 'orders:edit' },
    schema: {
      tags,
      summary: 'Record a deposit, payment (at most the balance) or refund (at most what was received); a confirmed order becomes paid when covered (order.paid, once)',
      params: IdParams,
      body: AddPayment,
      response: { 201: Order },
    },
    handler: async (req, reply) => reply.status(201).send(await life.addPayment(req.ctx, req.params.id, req.body)),
  });

  app.get('/api/v1/orders/:id/changes', {
    config: { permission: 'orders:view' },
    schema: { tags, summary: 'Change requests of the order, newest first', params: IdParams, response: { 200: z.object({ items: z.array(ChangeRequest) }) } },
    handler: async (req) => changes.listChanges(req.ctx, req.params.id),
  });
  app.post('/api/v1/orders/:id/changes', {
    config: { permission: 'orders:edit' },
    schema: { tags, summary: 'Request a change of items, delivery address and/or date (one open request per order)', params: IdParams, body: CreateChangeRequest, response: { 201: ChangeRequest } },
    handler: async (req, reply) => reply.status(201).send(await changes.requestChange(req.ctx, req.params.id, req.body)),
  });
  app.post('/api/v1/orders/:id/changes/:changeId/approve', {
    config: { permission: 'orders:approve' },
    schema: { tags, summary: 'Approve a change request: it is applied to the order (a new date emits order.deliveryScheduled)', params: ChangeParams, body: ApproveChange, response: { 200: ChangeRequest } },
    handler: async (req) => changes.approveChange(req.ctx, req.params.id, req.params.changeId, req.body),
  });
  app.post('/api/v1/orders/:id/changes/:changeId/refuse', {
    config: { permission: 'orders:approve' },
    schema: { tags, summary: 'Refuse a change request with a reason', params: ChangeParams, body: RefuseChange, response: { 200: ChangeRequest } },
    handler: async (req) => changes.refuseChange(req.ctx, req.params.id, req.params.changeId, req.body),
  });

  app.get('/api/v1/orders/:id/returns', {
    config: { permission: 'orders:view' },
    schema: { tags, summary: 'Returns of the order, newest first', params: IdParams, response: { 200: z.object({ items: z.array(OrderReturn) }) } },
    handler: async (req) => listReturns(req.ctx, req.params.id),
  });
  app.post('/api/v1/orders/:id/returns', {
    config: { permission: 'orders:approve' },
    schema: {
      tags,
      summary: 'Take lines back with a refund (never more than bought minus returned); the order becomes partially_returned or returned (order.returned)',
      params: IdParams,
      body: CreateReturn,
      response: { 201: OrderReturn },
    },
    handler: async (req, reply) => reply.status(201).send(await req.ctx.db.transaction((tx) => returnOrderLines(req.ctx, tx, { ...req.body, orderId: req.params.id }))),
  });
};
