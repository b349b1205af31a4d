import { z } from 'zod';
import { CUSTOM_FIELD_OBJECTS, CUSTOM_FIELD_TYPES } from '../enums.ts';
import { NameText } from './common.ts';

export const CustomFieldDef = z.object({
  id: z.string(),
  object: z.enum(CUSTOM_FIELD_OBJECTS),
  key: z.string(),
  label: z.string(),
  type: z.enum(CUSTOM_FIELD_TYPES),
  options: z.array(z.string()),
  required: z.boolean(),
  position: z.number().int(),
});
export const CreateCustomFieldDef = z
  .object({
    object: z.enum(CUSTOM_FIELD_OBJECTS),
    key: z.string().trim().min(1).max(40).regex(/^[a-z][a-z0-9_]*$/),
    label: NameText(64),
    type: z.enum(CUSTOM_FIELD_TYPES),
    options: z.array(NameText(64)).max(100).default([]),
    required: z.boolean().default(false),
    position: z.number().int().min(0).max(1000).default(0),
  })
  .refine((d) => !['select', 'multiselect'].includes(d.type) || d.options.length > 0, {
    path: ['options'],
    message: 'a select field needs options',
  });
export const UpdateCustomFieldDef = z.object({
  label: NameText(64).optional(),
  options: z.array(NameText(64)).max(100).optional(),
  required: z.boolean().optional(),
  position: z.number().int().min(0).max(1000).optional(),
});
