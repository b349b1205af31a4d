import { Drawer, Grid, Spin, Tag, Typography } from 'antd';
import { Markdown } from '../../knowledge';
import { usePublicArticle } from '../api';

/** A public article, read in a drawer over the page. */
export function ArticleDrawer({ tenantCode, id, onClose }: { tenantCode: string; id: string | null; onClose: () => void }) {
  const { data } = usePublicArticle(tenantCode, id);
  const { md } = Grid.useBreakpoint();
  return (
    <Drawer open={!!id} onClose={onClose} title={data?.title} size={md ? 720 : '100%'} destroyOnHidden data-testid="public-article">
      {!data ? (
        <Spin />
      ) : (
        <>
          {data.tags.map((tag) => (
            <Tag key={tag}>{tag}</Tag>
          ))}
          {data.summary ? <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>{data.summary}</Typography.Paragraph> : null}
          <Markdown source={data.body} testId="public-article-body" />
        </>
      )}
    </Drawer>
  );
}
