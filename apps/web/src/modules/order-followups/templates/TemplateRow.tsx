import { Button, Card, Col, Flex, Form, Input, InputNumber, Row, Select, Switch, TimePicker, Tooltip, Typography } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined } from '@ant-design/icons';
import { FOLLOWUP_ANCHORS, FOLLOWUP_OWNER_RULES, FOLLOWUP_PLACEHOLDERS } from '@jiake/shared';
import { useTranslation } from 'react-i18next';
import { useRules } from '../../../shared/forms/rules';
import { UserSelect } from '../../users';

interface Props {
  name: number;
  index: number;
  count: number;
  move: (from: number, to: number) => void;
  remove: (index: number) => void;
}

/** One step of the tenant's list: name, anchor and offset, time of day, owner rule, message template, switches. */
export function TemplateRow({ name, index, count, move, remove }: Props) {
  const { t } = useTranslation('followups');
  const rules = useRules();
  const form = Form.useFormInstance();
  const ownerRule = Form.useWatch(['items', name, 'ownerRule'], form);
  const insert = (placeholder: string) => {
    const path = ['items', name, 'message'];
    form.setFieldValue(path, `${form.getFieldValue(path) ?? ''}${placeholder}`);
  };
  return (
    <Card
      size="small"
      data-testid="followup-template-row"
      title={
        <Flex gap={8} align="center">
          <Typography.Text type="secondary">{index + 1}.</Typography.Text>
          <Form.Item name={[name, 'name']} noStyle rules={[rules.required(t('templates.field.name')), rules.max(30)]}>
            <Input placeholder={t('templates.field.name')} style={{ width: 180 }} data-testid="followup-template-name" />
          </Form.Item>
        </Flex>
      }
      extra={
        <Flex gap={4} align="center">
          <Form.Item name={[name, 'enabled']} valuePropName="checked" noStyle>
            <Switch checkedChildren={t('templates.enabled')} unCheckedChildren={t('templates.disabled')} />
          </Form.Item>
          <Tooltip title={t('templates.moveUp')}>
            <Button size="small" type="text" icon={<ArrowUpOutlined />} disabled={index === 0} onClick={() => move(index, index - 1)} />
          </Tooltip>
          <Tooltip title={t('templates.moveDown')}>
            <Button size="small" type="text" icon={<ArrowDownOutlined />} disabled={index === count - 1} onClick={() => move(index, index + 1)} />
          </Tooltip>
          <Tooltip title={t('templates.remove')}>
            <Button size="small" type="text" danger icon={<DeleteOutlined />} disabled={count === 1} onClick={() => remove(index)} />
          </Tooltip>
        </Flex>
      }
    >
      <Form.Item name={[name, 'key']} hidden>
        <Input />
      </Form.Item>
      <Row gutter={12}>
        <Col xs={24} md={5}>
          <Form.Item name={[name, 'anchor']} label={t('templates.field.anchor')} rules={[rules.requiredSelect(t('templates.field.anchor'))]}>
            <Select options={FOLLOWUP_ANCHORS.map((a) => ({ value: a, label: t(`anchor.${a}`) }))} />
          </Form.Item>
        </Col>
        <Col xs={12} md={4}>
          <Form.Item
            name={[name, 'offsetDays']}
            label={t('templates.field.offsetDays')}
            tooltip={t('templates.offsetHint')}
            rules={[rules.requiredSelect(t('templates.field.offsetDays'))]}
          >
            <InputNumber min={-60} max={365} precision={0} suffix={t('templates.days')} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={12} md={4}>
          <Form.Item name={[name, 'timeOfDay']} label={t('templates.field.timeOfDay')} tooltip={t('templates.timeHint')}>
            <TimePicker format="HH:mm" minuteStep={5} style={{ width: '100%' }} placeholder={t('templates.anyTime')} />
          </Form.Item>
        </Col>
        <Col xs={24} md={ownerRule === 'user' ? 5 : 7}>
          <Form.Item name={[name, 'ownerRule']} label={t('templates.field.ownerRule')} tooltip={t('templates.ownerHint')}>
            <Select options={FOLLOWUP_OWNER_RULES.map((r) => ({ value: r, label: t(`ownerRule.${r}`) }))} />
          </Form.Item>
        </Col>
        {ownerRule === 'user' ? (
          <Col xs={24} md={4}>
            <Form.Item name={[name, 'ownerUserId']} label={t('templates.field.ownerUserId')} rules={[rules.requiredSelect(t('templates.field.ownerUserId'))]}>
              <UserSelect initialLabel={form.getFieldValue(['items', name, 'ownerUserName'])} />
            </Form.Item>
          </Col>
        ) : null}
        <Col xs={24} md={ownerRule === 'user' ? 2 : 4}>
          <Form.Item name={[name, 'needsSatisfaction']} label={t('templates.field.needsSatisfaction')} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item
            name={[name, 'message']}
            label={t('templates.field.message')}
            rules={[rules.max(1000)]}
            extra={
              <Flex gap={4} wrap align="center">
                {t('templates.placeholders')}
                {FOLLOWUP_PLACEHOLDERS.map((p) => (
                  <Button key={p} size="small" type="dashed" onClick={() => insert(p)}>
                    {p}
                  </Button>
                ))}
              </Flex>
            }
          >
            <Input.TextArea rows={2} placeholder={t('templates.messagePlaceholder')} />
          </Form.Item>
        </Col>
      </Row>
    </Card>
  );
}
