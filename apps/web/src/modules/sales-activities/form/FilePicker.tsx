import { Button, Upload, type UploadFile } from 'antd';
import { PaperClipOutlined } from '@ant-design/icons';
import { ATTACHMENT_EXTENSIONS } from '@jiake/shared';

/**
 * Files chosen in a form and uploaded once the record is saved (an attachment needs its record). Use inside a
 * Form.Item with `valuePropName="fileList"` and `getValueFromEvent={pickedFiles}`.
 */
export function FilePicker({ fileList, onChange, label, testId }: { fileList?: UploadFile[]; onChange?: (v: unknown) => void; label: string; testId: string }) {
  return (
    <Upload
      multiple
      fileList={fileList}
      onChange={onChange}
      beforeUpload={() => false}
      accept={ATTACHMENT_EXTENSIONS.map((e) => `.${e}`).join(',')}
      listType="picture"
      data-testid={testId}
    >
      <Button icon={<PaperClipOutlined />}>{label}</Button>
    </Upload>
  );
}

export const pickedFiles = (e: { fileList: UploadFile[] } | UploadFile[]) => (Array.isArray(e) ? e : e.fileList);
/** The browser files of the picked entries. */
export const filesOf = (list: UploadFile[] | undefined) => (list ?? []).map((f) => f.originFileObj).filter((f): f is NonNullable<typeof f> => !!f);
