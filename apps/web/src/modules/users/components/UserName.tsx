import { useCan } from '../../../shared/auth/access';
import { useUser } from '../api';

/** A user's display name, looked up by id (cached). */
export function UserName({ id }: { id: string | null | undefined }) {
  const { data } = useUser(useCan('users:view') ? id : null);
  return <>{data?.displayName ?? ''}</>;
}
