import type { ReactNode } from 'react';
import { CalendarOutlined, FileImageOutlined, HomeOutlined, MessageOutlined, PhoneOutlined } from '@ant-design/icons';
import type { ActivityKind } from '@jiake/shared';

/** One icon and colour per kind, the same on the quick-add buttons and in the timeline. */
export const KIND_ICON: Record<ActivityKind, ReactNode> = {
  call: <PhoneOutlined />,
  message: <MessageOutlined />,
  visit: <HomeOutlined />,
  proposal: <FileImageOutlined />,
  invitation: <CalendarOutlined />,
};
export const KIND_COLOR: Record<ActivityKind, string> = { call: 'blue', message: 'cyan', visit: 'green', proposal: 'purple', invitation: 'orange' };
