import { useEffect, useState } from 'preact/hooks';
import { Activity, Api, Application, Page, Subscription } from '../api';
import { Notice, Section, SubscriptionSelect, TableHead, useLoad, when } from '../ui';

const REFRESH_MS = 5000;

/** What an administrator checks when Entra ID reports errors: refusals stand out with their scimType and detail. */
export function ActivityView({ api, subscriptions }: { api: Api; subscriptions: Subscription[] }) {
  const [subscriptionId, setSubscriptionId] = useState(subscriptions[0]?.id ?? '');
  const [applicationId, setApplicationId] = useState('');
  const [outcome, setOutcome] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [live, setLive] = useState(true);
  const scope = subscriptionId || undefined;
  const apps = useLoad(() => api.get<Page<Application>>('/api/oauth2/applications', { subscriptionId: scope, limit: 200 }), [api, scope]);
  const iso = (local: string) => (local ? new Date(local).toISOString() : undefined);
  const rows = useLoad(
    () =>
      api.get<Page<Activity>>('/api/activity', {
        subscriptionId: scope,
        applicationId: applicationId || undefined,
        outcome: outcome || undefined,
        from: iso(from),
        to: iso(to),
        limit: 100,
      }),
    [api, scope, applicationId, outcome, from, to],
  );
  useEffect(() => {
    if (!live) return;
    const timer = setInterval(rows.reload, REFRESH_MS);
    return () => clearInterval(timer);
  }, [live, rows.reload]);
  return (
    <Section title="Provisioning activity">
      <form class="row filters" onSubmit={(e) => e.preventDefault()} aria-label="Filters">
        <SubscriptionSelect
          id="activity-subscription"
          subscriptions={subscriptions}
          value={subscriptionId}
          onChange={(id) => (setSubscriptionId(id), setApplicationId(''))}
        />
        <label for="activity-application">
          Application
          <select id="activity-application" value={applicationId} onChange={(e) => setApplicationId((e.target as HTMLSelectElement).value)}>
            <option value="">Any</option>
            {(apps.data?.items ?? []).map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
        </label>
        <label for="activity-outcome">
          Outcome
          <select id="activity-outcome" value={outcome} onChange={(e) => setOutcome((e.target as HTMLSelectElement).value)}>
            <option value="">Any</option>
            <option value="success">Written</option>
            <option value="refused">Refused (4xx)</option>
          </select>
        </label>
        <label for="activity-from">
          From
          <input id="activity-from" type="datetime-local" value={from} onInput={(e) => setFrom((e.target as HTMLInputElement).value)} />
        </label>
        <label for="activity-to">
          To
          <input id="activity-to" type="datetime-local" value={to} onInput={(e) => setTo((e.target as HTMLInputElement).value)} />
        </label>
        <label for="activity-live" class="inline">
          <input id="activity-live" type="checkbox" checked={live} onChange={(e) => setLive((e.target as HTMLInputElement).checked)} />
          Refresh every 5 s
        </label>
      </form>
      <Notice kind="error" text={rows.error} />
      <p class="small">{rows.data ? `${rows.data.total} entries; the newest ${rows.data.items.length} shown.` : 'Loading…'}</p>
      <div class="table">
        <table>
          <TableHead columns={['Time', 'Operation', 'Resource', 'Outcome', 'Application', 'Request id']} />
          <tbody>
            {(rows.data?.items ?? []).map((r) => (
              <tr key={r.id} class={r.outcome === 'refused' ? 'refused' : undefined}>
                <td>{when(r.createdAt)}</td>
                <td>{r.operation}</td>
                <td>
                  {r.resourceType} {r.resourceName ?? ''}
                  {r.resourceId && <div class="mono small">{r.resourceId}</div>}
                </td>
                <td>
                  {r.outcome === 'refused' ? (
                    <>
                      <strong>
                        Refused {r.status}
                        {r.scimType ? ` ${r.scimType}` : ''}
                      </strong>
                      {r.detail && <div>{r.detail}</div>}
                    </>
                  ) : (
                    `${r.status}${r.detail ? ` — ${r.detail}` : ''}`
                  )}
                </td>
                <td>{r.applicationName ?? '—'}</td>
                <td class="mono small">{r.requestId ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Section>
  );
}
