import { Fragment, type ReactNode, useMemo } from 'react';
import { Typography } from 'antd';
import { type Block, type Inline, parseMarkdown } from './parse';

function inline(nodes: Inline[]): ReactNode[] {
  return nodes.map((n, i) => {
    switch (n.kind) {
      case 'text':
        return <Fragment key={i}>{n.text}</Fragment>;
      case 'code':
        return <Typography.Text key={i} code>{n.text}</Typography.Text>;
      case 'strong':
        return <strong key={i}>{inline(n.children)}</strong>;
      case 'em':
        return <em key={i}>{inline(n.children)}</em>;
      case 'del':
        return <del key={i}>{inline(n.children)}</del>;
      case 'link':
        return (
          <a key={i} href={n.href} target={n.href.startsWith('/') || n.href.startsWith('#') ? undefined : '_blank'} rel="noopener noreferrer nofollow">
            {inline(n.children)}
          </a>
        );
      case 'image':
        return <img key={i} src={n.src} alt={n.alt} style={{ maxWidth: '100%' }} referrerPolicy="no-referrer" />;
      case 'br':
        return <br key={i} />;
    }
  });
}

function block(b: Block, i: number): ReactNode {
  switch (b.kind) {
    case 'heading':
      return b.level <= 5 ? (
        <Typography.Title key={i} level={b.level as 1 | 2 | 3 | 4 | 5} style={{ marginTop: 16 }}>
          {inline(b.children)}
        </Typography.Title>
      ) : (
        <Typography.Paragraph key={i} strong>
          {inline(b.children)}
        </Typography.Paragraph>
      );
    case 'paragraph':
      return <Typography.Paragraph key={i}>{inline(b.children)}</Typography.Paragraph>;
    case 'list': {
      const items = b.items.map((it, j) => <li key={j}>{inline(it)}</li>);
      return b.ordered ? (
        <ol key={i} start={b.start} style={{ paddingInlineStart: 24, marginBottom: 12 }}>
          {items}
        </ol>
      ) : (
        <ul key={i} style={{ paddingInlineStart: 24, marginBottom: 12 }}>
          {items}
        </ul>
      );
    }
    case 'quote':
      return (
        <blockquote key={i} style={{ margin: '0 0 12px', padding: '4px 12px', borderInlineStart: '4px solid #e8ddd0', color: '#666' }}>
          {b.blocks.map(block)}
        </blockquote>
      );
    case 'code':
      return (
        <pre key={i} style={{ background: '#f6f3ef', padding: 12, borderRadius: 6, overflowX: 'auto' }}>
          <code>{b.text}</code>
        </pre>
      );
    case 'rule':
      return <hr key={i} style={{ border: 'none', borderTop: '1px solid #eee', margin: '16px 0' }} />;
    case 'table':
      return (
        <div key={i} style={{ overflowX: 'auto', marginBottom: 12 }}>
          <table style={{ borderCollapse: 'collapse', minWidth: '50%' }}>
            <thead>
              <tr>
                {b.head.map((c, j) => (
                  <th key={j} style={{ border: '1px solid #e8e8e8', padding: '4px 8px', background: '#fafafa', textAlign: 'start' }}>
                    {inline(c)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {b.rows.map((r, j) => (
                <tr key={j}>
                  {r.map((c, k) => (
                    <td key={k} style={{ border: '1px solid #e8e8e8', padding: '4px 8px' }}>
                      {inline(c)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      );
  }
}

/** An article's Markdown as React elements (no HTML is ever injected). */
export function Markdown({ source, testId }: { source: string; testId?: string }) {
  const blocks = useMemo(() => parseMarkdown(source), [source]);
  return (
    <div className="jk-markdown" data-testid={testId} style={{ overflowWrap: 'anywhere' }}>
      {blocks.map(block)}
    </div>
  );
}
