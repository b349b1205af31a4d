import type { Translation } from '../../../shared/i18n';
import type zh from './bonus.zh-CN';

const en: Translation<typeof zh> = {};
export default en;
