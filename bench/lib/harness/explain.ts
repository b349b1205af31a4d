import type pg from 'pg';
import type { Statement } from './sql-load.ts';

export interface PlanSummary {
  /** Tables read by a Seq Scan. */
  seqScans: string[];
  /** The plan tree, flattened: node (index on table, rows) › child … ; one part per statement. */
  nodes: string;
  /** With ANALYZE: execution time of the statements, summed (ms). */
  executionMs?: number;
}

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Actual Rows'?: number;
  'Actual Loops'?: number;
  Plans?: PlanNode[];
}

/** EXPLAIN (or EXPLAIN ANALYZE) each statement with its parameters, as the product sent them. */
export async function explainPlan(pool: pg.Pool, statements: Statement[], analyze = false): Promise<PlanSummary> {
  const out: PlanSummary = { seqScans: [], nodes: '', executionMs: analyze ? 0 : undefined };
  const parts: string[] = [];
  for (const s of statements) {
    const res = await pool.query({ text: `EXPLAIN (FORMAT JSON${analyze ? ', ANALYZE' : ''}) ${s.text}`, values: s.values });
    const top = (res.rows[0]['QUERY PLAN'] as { Plan: PlanNode; 'Execution Time'?: number }[])[0];
    const flat: string[] = [];
    const walk = (n: PlanNode, depth: number) => {
      if (n['Node Type'] === 'Seq Scan' && n['Relation Name'] && !out.seqScans.includes(n['Relation Name'])) out.seqScans.push(n['Relation Name']);
      const on = [n['Index Name'], n['Relation Name'] ? `on ${n['Relation Name']}` : ''].filter(Boolean).join(' ');
      const rows = analyze && n['Actual Rows'] !== undefined ? `rows=${Math.round(n['Actual Rows'] * (n['Actual Loops'] ?? 1))}` : '';
      const detail = [on, rows].filter(Boolean).join(', ');
      flat.push(`${'·'.repeat(depth)}${n['Node Type']}${detail ? ` (${detail})` : ''}`);
      for (const c of n.Plans ?? []) walk(c, depth + 1);
    };
    walk(top.Plan, 0);
    parts.push(flat.join(' › '));
    if (analyze) out.executionMs! += top['Execution Time'] ?? 0;
  }
  out.nodes = parts.join(' ; ');
  return out;
}
