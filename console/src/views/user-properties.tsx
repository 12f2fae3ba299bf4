import { useState } from 'preact/hooks';
import { Api, ApiError, UserProperty } from '../api';
import { message, Notice, TableHead, useLoad } from '../ui';

const TYPES = ['string', 'integer', 'decimal', 'boolean', 'dateTime'] as const;

/**
 * A subscription's custom user properties: each is an attribute Entra ID can map, under the
 * target attribute shown (type it into Entra ID's "Edit attribute list").
 */
export function UserPropertiesPanel({ api, subscriptionId }: { api: Api; subscriptionId: string }) {
  const path = `/api/tenancy/subscriptions/${subscriptionId}/user-properties`;
  const properties = useLoad(() => api.get<UserProperty[]>(path), [api, path]);
  const [notice, setNotice] = useState<{ kind: 'ok' | 'error'; text: string }>();
  const [forcing, setForcing] = useState<string>();
  const [name, setName] = useState('');
  const [type, setType] = useState<(typeof TYPES)[number]>('string');
  const [required, setRequired] = useState(false);
  const [caseExact, setCaseExact] = useState(false);
  const [maxLength, setMaxLength] = useState('256');

  const add = async (e: Event) => {
    e.preventDefault();
    try {
      const created = await api.post<UserProperty>(path, {
        name: name.trim(),
        type,
        required,
        caseExact,
        ...(type === 'string' ? { maxLength: Number(maxLength) } : {}),
      });
      setName('');
      setNotice({ kind: 'ok', text: `${created.name} defined. Entra ID target attribute: ${created.scimPath}` });
      properties.reload();
    } catch (err) {
      setNotice({ kind: 'error', text: message(err) });
    }
  };
  const remove = async (property: string, force: boolean) => {
    try {
      await api.delete(`${path}/${encodeURIComponent(property)}`, force ? { force: 'true' } : {});
      setForcing(undefined);
      setNotice({ kind: 'ok', text: `${property} deleted${force ? ', with its values' : ''}.` });
      properties.reload();
    } catch (err) {
      // Users hold values of it: the API says how many; offer to delete them too.
      if (err instanceof ApiError && err.status === 409) setForcing(property);
      setNotice({ kind: 'error', text: message(err) });
    }
  };
  return (
    <div class="panel" role="region" aria-label="User properties">
      <h3>User properties</h3>
      <p class="small">Custom attributes of this subscription's users. Map them in Entra ID by their target attribute.</p>
      <Notice kind="error" text={properties.error} />
      <Notice kind={notice?.kind ?? 'ok'} text={notice?.text} />
      <div class="table">
        <table>
          <TableHead columns={['Name', 'Type', 'Rules', 'Entra ID target attribute']} actions />
          <tbody>
            {(properties.data ?? []).map((p) => (
              <tr key={p.name}>
                <td>{p.name}</td>
                <td>{p.type}</td>
                <td class="small">
                  {[p.required ? 'required' : '', p.caseExact ? 'case-exact' : '', p.maxLength ? `at most ${p.maxLength} characters` : '']
                    .filter(Boolean)
                    .join(', ') || '—'}
                </td>
                <td class="mono small">{p.scimPath}</td>
                <td class="actions">
                  <button type="button" class="danger" onClick={() => remove(p.name, false)} aria-label={`Delete property ${p.name}`}>
                    Delete
                  </button>
                  {forcing === p.name && (
                    <button
                      type="button"
                      class="danger"
                      onClick={() => remove(p.name, true)}
                      aria-label={`Delete property ${p.name} and its values`}
                    >
                      Delete it and its values
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <form class="row" onSubmit={add} aria-label="Define a user property">
        <label for="property-name">
          Property name
          <input
            id="property-name"
            required
            pattern="[A-Za-z][A-Za-z0-9_\-]*"
            maxLength={128}
            value={name}
            onInput={(e) => setName((e.target as HTMLInputElement).value)}
          />
        </label>
        <div class="field">
          <label for="property-type">Type</label>
          <select
            id="property-type"
            value={type}
            onChange={(e) => setType((e.target as HTMLSelectElement).value as (typeof TYPES)[number])}
          >
            {TYPES.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
        </div>
        {type === 'string' && (
          <label for="property-length">
            Longest value
            <input
              id="property-length"
              type="number"
              min={1}
              max={2000}
              value={maxLength}
              onInput={(e) => setMaxLength((e.target as HTMLInputElement).value)}
            />
          </label>
        )}
        <label for="property-required" class="inline">
          <input
            id="property-required"
            type="checkbox"
            checked={required}
            onChange={(e) => setRequired((e.target as HTMLInputElement).checked)}
          />
          Required
        </label>
        <label for="property-case" class="inline">
          <input
            id="property-case"
            type="checkbox"
            checked={caseExact}
            onChange={(e) => setCaseExact((e.target as HTMLInputElement).checked)}
          />
          Case-exact
        </label>
        <button type="submit">Define property</button>
      </form>
    </div>
  );
}
