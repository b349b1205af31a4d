import { Button, Result } from 'antd';
import { Link } from 'react-router-dom';

/** The 404 state with one way back: an unknown address, or a record that does not exist or is out of the caller's reach. */
export function NotFoundResult({ title, backTo, backText }: { title: string; backTo: string; backText: string }) {
  return (
    <Result
      status="404"
      title={title}
      extra={
        <Link to={backTo}>
          <Button type="primary">{backText}</Button>
        </Link>
      }
    />
  );
}
