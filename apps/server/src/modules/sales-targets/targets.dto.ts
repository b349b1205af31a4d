import type { SalesTargetDto } from '@jiake/shared';
import type { TargetRowWithName } from './targets.repository.ts';

export const toTargetDto = (r: TargetRowWithName): SalesTargetDto => ({
  id: r.id,
  subjectType: r.subjectType,
  subjectId: r.subjectId,
  subjectName: r.subjectName,
  unitId: r.unitId,
  period: r.period,
  periodKind: r.periodKind,
  amountFen: r.amountFen,
  wonCount: r.wonCount,
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});
