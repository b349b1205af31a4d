import type { z } from 'zod';
import type { Contact as ContactSchema, CreateContact, CreateCustomer, UpdateCustomer, VisibleCustomer } from '@jiake/shared';

/** A customer as the caller sees it: hidden fields are absent, phones usually masked. */
export type Customer = z.infer<typeof VisibleCustomer>;
export type Contact = z.infer<typeof ContactSchema>;
export type Customer360 = Customer & { contacts?: (Partial<Contact> & { id: string })[] };
export type CreateCustomerBody = z.input<typeof CreateCustomer>;
export type UpdateCustomerBody = z.input<typeof UpdateCustomer>;
export type ContactBody = z.input<typeof CreateContact>;

/** The list filters (URL query of /customers and the API's query), without paging. */
export interface CustomerFilters {
  q?: string;
  storeId?: string;
  ownerId?: string;
  tag?: string;
  kind?: string;
  source?: string;
  listStatus?: string;
  pool?: 'true' | 'false';
  sort?: 'createdAt' | 'updatedAt' | 'name';
  order?: 'asc' | 'desc';
  /** cf_<key> = value */
  [customField: `cf_${string}`]: string | undefined;
}
