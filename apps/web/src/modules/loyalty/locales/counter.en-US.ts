import type { Translation } from '../../../shared/i18n';
import type zh from './counter.zh-CN';

const en: Translation<typeof zh> = {};
export default en;
