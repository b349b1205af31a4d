import { Flex, Image, Typography } from 'antd';
import { PaperClipOutlined } from '@ant-design/icons';
import type { ActivityAttachmentDto } from '@jiake/shared';
import { attachmentUrl } from '../api';

const VIEWABLE = ['image/jpeg', 'image/png', 'image/gif', 'image/webp'];

/** Photos as thumbnails (click to enlarge), other files as download links. */
export function AttachmentList({ files }: { files: ActivityAttachmentDto[] }) {
  if (!files.length) return null;
  const images = files.filter((f) => VIEWABLE.includes(f.mime));
  const others = files.filter((f) => !VIEWABLE.includes(f.mime));
  return (
    <Flex vertical gap={4} data-testid="activity-attachments">
      {images.length ? (
        <Image.PreviewGroup>
          <Flex gap={6} wrap>
            {images.map((f) => (
              <Image key={f.id} src={attachmentUrl(f.id)} alt={f.fileName} width={72} height={72} style={{ objectFit: 'cover', borderRadius: 4 }} />
            ))}
          </Flex>
        </Image.PreviewGroup>
      ) : null}
      {others.map((f) => (
        <Typography.Link key={f.id} href={attachmentUrl(f.id)} target="_blank" rel="noreferrer">
          <PaperClipOutlined /> {f.fileName}
        </Typography.Link>
      ))}
    </Flex>
  );
}
