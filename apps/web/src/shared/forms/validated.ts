import type { FormInstance } from 'antd';

/** The form's values when every rule passes, else null (antd already marks the fields in red). */
export async function validated<T>(form: FormInstance<T>): Promise<T | null> {
  try {
    return await form.validateFields();
  } catch {
    return null;
  }
}
