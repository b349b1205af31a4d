/** The customers module's public surface: other modules import from here, never from its files. */
export { onCustomerMerged, repointOnMerge, type CustomerMerged, type CustomerMergedHook } from './customers.events.ts';
export { mergeCustomers } from './merge-customers.ts';
export { returnIdleCustomers } from './pool-idle.ts';
export { findDuplicatesFor, type DuplicateHit } from './duplicates.ts';
export { isCustomerVisible } from './customers.repository.ts';
export { runImport } from './import/run-import.ts';
export { IMPORT_JOB } from './import/import-files.ts';
export { runExport } from './export/run-export.ts';
export { EXPORT_JOB } from './export/export.service.ts';
/** For the service modules (self-service, caller lookup, knowledge): lookup by contact, the staff search, creation, text-search helpers. */
export { customersByContact, type CustomerByContact } from './find-by-contact.ts';
export { createCustomer, createCustomerInTx, listCustomers, normalisePhones } from './customers.service.ts';
export { nameGrams, namePinyin, queryGrams } from './customers.search.ts';
export { getCustomer } from './customers.service.ts';
export { customerNamesByIds, customerPhonesByIds } from './customer-names.ts';
/** A customer's birthday (solar or lunar) for other modules' rules (loyalty: birthday-month bonus points). */
export { customerBirthday } from './customer-birthdays.ts';
