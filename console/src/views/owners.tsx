import { useState } from 'preact/hooks';
import { Api, CompanyOwner, Subscription } from '../api';
import { message, Notice, Section, SubscriptionSelect, UserPicker, useLoad, when } from '../ui';

export function OwnersView({ api, subscriptions }: { api: Api; subscriptions: Subscription[] }) {
  const owners = useLoad(() => api.get<CompanyOwner[]>('/api/tenancy/company/owners'), [api]);
  const [subscriptionId, setSubscriptionId] = useState(subscriptions[0]?.id ?? '');
  const [notice, setNotice] = useState<{ kind: 'ok' | 'error'; text: string }>();
  const act = async (work: () => Promise<unknown>, text: string) => {
    try {
      await work();
      setNotice({ kind: 'ok', text });
      owners.reload();
    } catch (err) {
      // The service's own words: the refusal to remove the last owner says what to do instead.
      setNotice({ kind: 'error', text: message(err) });
    }
  };
  return (
    <Section title="Company owners">
      <p>Company owners inherit what nobody else can take over; the company always keeps one active owner.</p>
      <Notice kind="error" text={owners.error} />
      <Notice kind={notice?.kind ?? 'ok'} text={notice?.text} />
      <ul class="plain">
        {(owners.data ?? []).map((o) => (
          <li key={o.userId}>
            <span>
              {o.userName} — since {when(o.since)}
            </span>{' '}
            <button
              type="button"
              class="danger"
              aria-label={`Remove ${o.userName} as company owner`}
              onClick={() =>
                act(() => api.delete(`/api/tenancy/company/owners/${o.userId}`), `${o.userName} is no longer a company owner.`)
              }
            >
              Remove
            </button>
          </li>
        ))}
      </ul>
      <h3>Add a company owner</h3>
      <SubscriptionSelect
        id="owners-subscription"
        label="Find the user in subscription"
        subscriptions={subscriptions}
        value={subscriptionId}
        onChange={setSubscriptionId}
      />
      {subscriptionId && (
        <UserPicker
          key={subscriptionId}
          api={api}
          subscriptionId={subscriptionId}
          id="owner-user-search"
          action="Add as company owner"
          onPick={(u) => act(() => api.post('/api/tenancy/company/owners', { userId: u.userId }), `${u.userName} is now a company owner.`)}
        />
      )}
    </Section>
  );
}
