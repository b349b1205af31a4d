import { useEffect } from 'react';
import { App } from 'antd';
import { setNotifier } from '../api/notify';

/** Lets the query client's global error hooks show antd messages. Render once inside <App>. */
export function NotifyBridge() {
  const { message } = App.useApp();
  useEffect(() => {
    setNotifier({ error: (text) => void message.error(text), success: (text) => void message.success(text) });
    return () => setNotifier(null);
  }, [message]);
  return null;
}
