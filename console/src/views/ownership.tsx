import { useState } from 'preact/hooks';
import { Api, Page, Resource, Subscription, Transfer, UserSummary } from '../api';
import { Notice, Section, SubscriptionSelect, TableHead, useLoad, UserPicker, when } from '../ui';

const RULES: Record<string, string> = {
  boss: 'their boss',
  subscription_owner: 'the subscription owner',
  company_owner: 'a company owner',
};

/** Transfers of a subscription, and what one user owns and holds. */
export function OwnershipView({ api, subscriptions }: { api: Api; subscriptions: Subscription[] }) {
  const [subscriptionId, setSubscriptionId] = useState(subscriptions[0]?.id ?? '');
  const [user, setUser] = useState<UserSummary>();
  const scope = subscriptionId || undefined;
  const transfers = useLoad(
    () => api.get<Page<Transfer>>('/api/ownership/transfers', { subscriptionId: scope, userId: user?.userId, limit: 100 }),
    [api, scope, user?.userId],
  );
  const resources = useLoad(
    () =>
      user
        ? api.get<Page<Resource>>('/api/ownership/resources', { subscriptionId: scope, ownerUserId: user.userId, limit: 100 })
        : Promise.resolve(undefined),
    [api, scope, user?.userId],
  );
  const permissions = useLoad(
    () =>
      user
        ? api.get<{ permissions: string[] }>('/api/ownership/permissions', { subscriptionId: scope, userId: user.userId })
        : Promise.resolve(undefined),
    [api, scope, user?.userId],
  );
  return (
    <Section title="Ownership">
      <SubscriptionSelect
        id="ownership-subscription"
        subscriptions={subscriptions}
        value={subscriptionId}
        onChange={(id) => (setSubscriptionId(id), setUser(undefined))}
      />
      {subscriptionId && (
        <UserPicker
          key={subscriptionId}
          api={api}
          subscriptionId={subscriptionId}
          id="ownership-user-search"
          action="Show"
          onPick={setUser}
        />
      )}
      {user && (
        <p>
          Showing {user.userName}.{' '}
          <button type="button" onClick={() => setUser(undefined)}>
            Show the whole subscription
          </button>
        </p>
      )}
      <h3>{user ? `Transfers from or to ${user.userName}` : 'Transfers'}</h3>
      <Notice kind="error" text={transfers.error} />
      <div class="table">
        <table>
          <TableHead columns={['Time', 'From', 'To', 'Rule', 'Moved', 'Trigger']} />
          <tbody>
            {(transfers.data?.items ?? []).map((t) => (
              <tr key={t.id}>
                <td>{when(t.createdAt)}</td>
                <td class="mono small">{t.fromUserId}</td>
                <td class="mono small">{t.toUserId}</td>
                <td>{RULES[t.rule] ?? t.rule}</td>
                <td>
                  {t.resourcesMoved} resources{t.permissionsMoved.length ? `, permissions ${t.permissionsMoved.join(', ')}` : ''}
                </td>
                <td class="small">{t.trigger}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {user && (
        <>
          <h3>Resources of {user.userName}</h3>
          <Notice kind="error" text={resources.error} />
          <ul class="plain">
            {(resources.data?.items ?? []).map((r) => (
              <li key={r.id}>
                {r.kind}: {r.name}
              </li>
            ))}
            {resources.data?.items.length === 0 && <li>none</li>}
          </ul>
          <h3>Permissions of {user.userName}</h3>
          <Notice kind="error" text={permissions.error} />
          <p>{permissions.data ? permissions.data.permissions.join(', ') || 'none' : ''}</p>
        </>
      )}
    </Section>
  );
}
