import { useVerifyLedger } from '../api';
import { LedgerCheck } from './LedgerCheck';

/** 校验账本: recompute every balance, running balance and lot from the entries and list what differs (LOY-8). */
export function VerifyLedger() {
  return <LedgerCheck verify={useVerifyLedger()} texts="settings" testId="ledger-verify" />;
}
