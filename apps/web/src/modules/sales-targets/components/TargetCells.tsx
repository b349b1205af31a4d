import { useState } from 'react';
import { App, Button, InputNumber, Tooltip, Typography } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../../shared/api/errors';
import { fenToYuan, formatMoney, yuanToFen } from '../../../shared/format/money';
import { useDeleteTarget, useSetTarget, useUpdateTarget } from '../api';
import type { TargetRow } from './tree';

/** A number edited in place: Enter or leaving the field saves, Esc gives up. */
function InlineNumber(p: { initial: number | null; precision: number; placeholder?: string; onSave: (v: number | null) => Promise<unknown>; onDone: () => void; testId: string }) {
  const [value, setValue] = useState<number | null>(p.initial);
  const [saving, setSaving] = useState(false);
  const save = async () => {
    if (saving) return;
    if (value === p.initial) return p.onDone();
    setSaving(true);
    try {
      await p.onSave(value);
      p.onDone();
    } catch {
      // The caller has said what went wrong; the field stays open for another try.
    } finally {
      setSaving(false);
    }
  };
  return (
    <InputNumber<number>
      autoFocus
      size="small"
      min={0}
      precision={p.precision}
      value={value}
      placeholder={p.placeholder}
      disabled={saving}
      onChange={(v) => setValue(v ?? null)}
      onPressEnter={save}
      onBlur={save}
      onKeyDown={(e) => {
        if (e.key === 'Escape') p.onDone();
      }}
      style={{ width: 140 }}
      data-testid={p.testId}
    />
  );
}

/** The node's own target in yuan; with targets:edit a click edits it (empty removes it). */
export function TargetAmountCell({ row, period, canEdit }: { row: TargetRow; period: string; canEdit: boolean }) {
  const { t } = useTranslation('targets');
  const { message } = App.useApp();
  const [editing, setEditing] = useState(false);
  const set = useSetTarget();
  const remove = useDeleteTarget();
  const save = async (yuan: number | null) => {
    try {
      if (yuan === null) {
        if (row.targetId) await remove.mutateAsync(row.targetId);
        message.success(t('edit.removed'));
      } else {
        await set.mutateAsync({ subjectType: row.type, subjectId: row.id, period, amountFen: yuanToFen(yuan) });
        message.success(t('edit.saved'));
      }
    } catch (e) {
      message.error(errorText(e));
      throw e;
    }
  };
  if (editing) {
    return (
      <Tooltip title={t('edit.clearHint')} open>
        <span>
          <InlineNumber
            initial={row.targetFen === null ? null : fenToYuan(row.targetFen)}
            precision={2}
            placeholder={t('edit.placeholder')}
            onSave={save}
            onDone={() => setEditing(false)}
            testId={`target-input-${row.key}`}
          />
        </span>
      </Tooltip>
    );
  }
  const shown =
    row.targetFen !== null ? (
      <Typography.Text strong>{formatMoney(row.targetFen)}</Typography.Text>
    ) : row.childrenTargetFen !== null ? (
      <Typography.Text type="secondary">{t('hint.fromChildren', { amount: formatMoney(row.childrenTargetFen) })}</Typography.Text>
    ) : (
      <Typography.Text type="secondary">{t('hint.noTarget')}</Typography.Text>
    );
  return (
    <span data-testid={`target-amount-${row.key}`}>
      {shown}
      {canEdit ? <Button type="text" size="small" icon={<EditOutlined />} onClick={() => setEditing(true)} aria-label={t('column.target')} data-testid={`target-edit-${row.key}`} /> : null}
    </span>
  );
}

/** The optional target of won opportunities; editable once the node has a target. */
export function WonCountCell({ row, canEdit }: { row: TargetRow; canEdit: boolean }) {
  const { message } = App.useApp();
  const [editing, setEditing] = useState(false);
  const update = useUpdateTarget();
  const none = <Typography.Text type="secondary">—</Typography.Text>;
  if (editing && row.targetId) {
    return (
      <InlineNumber
        initial={row.wonCountTarget}
        precision={0}
        onSave={async (v) => {
          try {
            await update.mutateAsync({ id: row.targetId!, body: { wonCount: v } });
          } catch (e) {
            message.error(errorText(e));
            throw e;
          }
        }}
        onDone={() => setEditing(false)}
        testId={`won-count-input-${row.key}`}
      />
    );
  }
  const shown = row.wonCountTarget === null ? none : <span>{row.wonCount === null ? row.wonCountTarget : `${row.wonCount} / ${row.wonCountTarget}`}</span>;
  return (
    <span>
      {shown}
      {canEdit && row.targetId ? <Button type="text" size="small" icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid={`won-count-edit-${row.key}`} /> : null}
    </span>
  );
}
