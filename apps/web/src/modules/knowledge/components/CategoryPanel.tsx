import { useMemo, useState } from 'react';
import { App, Button, Empty, Flex, Popconfirm, Tooltip, Tree, Typography } from 'antd';
import { DeleteOutlined, EditOutlined, FolderAddOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../shared/api/client';
import { errorText } from '../../../shared/api/errors';
import { useCan } from '../../../shared/auth/access';
import { useCategories, useDeleteCategory } from '../api';
import { categoryTree } from '../categoryTree';
import { CategoryFormModal } from './CategoryFormModal';

const ALL = '__all__';

/** The category tree beside the article list: choosing a category filters the list; editors add, edit and delete. */
export function CategoryPanel({ selected, onSelect }: { selected?: string; onSelect: (id: string | undefined) => void }) {
  const { t } = useTranslation('knowledge');
  const { message } = App.useApp();
  const canEdit = useCan('knowledge:edit');
  const { data: categories = [], isLoading } = useCategories();
  const remove = useDeleteCategory();
  const [editing, setEditing] = useState<'new' | 'edit' | null>(null);
  const current = categories.find((c) => c.id === selected) ?? null;
  const tree = useMemo(() => [{ key: ALL, title: t('category.all'), children: categoryTree(categories) }], [categories, t]);
  const counts = useMemo(() => new Map(categories.map((c) => [c.id, c.articleCount])), [categories]);

  return (
    <>
      {canEdit ? (
        <Flex gap={4} wrap style={{ marginBottom: 8 }}>
          <Button size="small" icon={<FolderAddOutlined />} onClick={() => setEditing('new')} data-testid="category-add">
            {t('category.add')}
          </Button>
          <Tooltip title={t('category.edit')}>
            <Button size="small" icon={<EditOutlined />} disabled={!current} onClick={() => setEditing('edit')} data-testid="category-edit" />
          </Tooltip>
          <Popconfirm
            title={current ? t('category.deleteConfirm', { name: current.name }) : ''}
            disabled={!current}
            onConfirm={() =>
              remove.mutate(current!.id, {
                onSuccess: () => {
                  message.success(t('common:message.deleted'));
                  onSelect(undefined);
                },
                onError: (e) => message.error(isApiError(e) && e.code === 'conflict' ? t('category.notEmpty') : errorText(e)),
              })
            }
          >
            <Tooltip title={t('category.delete')}>
              <Button size="small" danger icon={<DeleteOutlined />} disabled={!current} data-testid="category-delete" />
            </Tooltip>
          </Popconfirm>
        </Flex>
      ) : null}
      {!isLoading && !categories.length ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('category.empty')} /> : null}
      <div data-testid="category-tree">
        <Tree
          key={categories.length}
          treeData={tree}
          defaultExpandAll
          blockNode
          selectedKeys={[selected ?? ALL]}
          onSelect={(keys) => {
            const key = keys[0] as string | undefined;
            onSelect(!key || key === ALL ? undefined : key);
          }}
          titleRender={(n) => (
            <Flex justify="space-between" gap={8}>
              <span>{n.title as string}</span>
              {counts.get(n.key as string) ? <Typography.Text type="secondary">{counts.get(n.key as string)}</Typography.Text> : null}
            </Flex>
          )}
        />
      </div>
      <CategoryFormModal open={editing !== null} category={editing === 'edit' ? current : null} parentId={selected ?? null} onClose={() => setEditing(null)} />
    </>
  );
}
