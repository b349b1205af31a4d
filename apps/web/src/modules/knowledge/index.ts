/** The knowledge module's public face for other web modules. */
export { SuggestedArticles } from './components/SuggestedArticles';
export { Markdown } from './markdown/Markdown';
export { localIssues } from './issues';
export { default as knowledgeZh } from './locales/zh-CN';
export { default as knowledgeEn } from './locales/en-US';
