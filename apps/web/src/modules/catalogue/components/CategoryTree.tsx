import { useMemo, useState } from 'react';
import { App, Button, Empty, Flex, Popconfirm, Spin, Tree, Typography } from 'antd';
import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../../shared/api/errors';
import { type Category, useCategories, useDeleteCategory } from '../api';
import { buildCategoryTree, type CategoryNode } from '../tree';
import { CategoryFormModal } from './CategoryFormModal';

interface TreeItem {
  key: string;
  title: string;
  category: Category;
  children?: TreeItem[];
}
const toItems = (nodes: CategoryNode[]): TreeItem[] =>
  nodes.map((n) => ({ key: n.category.id, title: n.category.name, category: n.category, children: n.children.length ? toItems(n.children) : undefined }));

interface Props {
  /** The category whose products are shown (none: all). */
  selectedId?: string;
  onSelect?: (id: string | undefined) => void;
  /** Add, rename, move and delete (catalogue:admin). */
  editable?: boolean;
}

/** The category tree: click to filter, and for administrators add / edit / delete on each node. */
export function CategoryTree({ selectedId, onSelect, editable }: Props) {
  const { t } = useTranslation('catalogue');
  const { message } = App.useApp();
  const { data, isLoading } = useCategories();
  const remove = useDeleteCategory();
  const items = useMemo(() => toItems(buildCategoryTree(data ?? [])), [data]);
  const [editing, setEditing] = useState<{ category: Category | null; parentId?: string | null } | null>(null);

  if (isLoading) return <Spin />;
  return (
    <div data-testid="category-tree">
      {editable ? (
        <Button type="dashed" block icon={<PlusOutlined />} onClick={() => setEditing({ category: null, parentId: null })} style={{ marginBottom: 12 }} data-testid="category-create">
          {t('categories.create')}
        </Button>
      ) : null}
      {items.length ? (
        <Tree<TreeItem>
          treeData={items}
          defaultExpandAll
          blockNode
          selectedKeys={selectedId ? [selectedId] : []}
          onSelect={(keys) => onSelect?.((keys[0] as string | undefined) ?? undefined)}
          titleRender={(n) => (
            <Flex justify="space-between" align="center" gap={8}>
              <span>
                {n.category.name}
                <Typography.Text type="secondary" style={{ marginLeft: 6 }}>
                  {n.category.productCount || ''}
                </Typography.Text>
              </span>
              {editable ? (
                <Flex gap={2} onClick={(e) => e.stopPropagation()}>
                  <Button size="small" type="text" icon={<PlusOutlined />} title={t('categories.addChild')} onClick={() => setEditing({ category: null, parentId: n.category.id })} />
                  <Button size="small" type="text" icon={<EditOutlined />} title={t('categories.edit')} onClick={() => setEditing({ category: n.category })} />
                  <Popconfirm
                    title={t('categories.deleteConfirm', { name: n.category.name })}
                    onConfirm={() =>
                      remove.mutateAsync(n.category.id).then(
                        () => message.success(t('categories.deleted')),
                        (e) => message.error(errorText(e)),
                      )
                    }
                  >
                    <Button size="small" type="text" danger icon={<DeleteOutlined />} title={t('categories.delete')} />
                  </Popconfirm>
                </Flex>
              ) : null}
            </Flex>
          )}
        />
      ) : (
        <Empty description={t('categories.empty')} />
      )}
      <CategoryFormModal open={!!editing} category={editing?.category ?? null} parentId={editing?.parentId} onClose={() => setEditing(null)} />
    </div>
  );
}
