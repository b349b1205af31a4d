export { useCustomFieldDefs, type CustomFieldDef } from './api';
export { CustomFieldInput } from './components/CustomFieldInput';
export { customValueFromForm, customValueText, customValueToForm } from './values';
export { default as customFieldsZh } from './locales/zh-CN';
export { default as customFieldsEn } from './locales/en-US';
