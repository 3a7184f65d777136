/** Pages for administrators and editors: users, and the audit log. */
import { Pager } from '../shell/components.js';
import { ActionButton, Csrf, Field, Message, Select, type FieldErrors } from '../shell/fields.js';
import { Layout } from '../shell/layout.js';
import type { Ui } from '../shell/ui.js';
import { ROLES } from '../../core/access.js';
import type { AuditQuery, AuditRow } from '../../domains/accounts/audit.js';
import type { User } from '../../domains/accounts/users.js';

/** A user's role, countries and organisation, changed in one form. */
function UserRoleForm({
  ui,
  user: u,
  roles,
  organisations,
}: {
  ui: Ui;
  user: User;
  roles: [string, string][];
  organisations: { id: number; name: string }[];
}) {
  const t = ui.t;
  return (
    <form method="post" action={`/admin/users/${u.id}`} class="inline">
      <Csrf ui={ui} />
      <select name="role" aria-label={t('users.role')}>
        {roles.map(([value, text]) => (
          <option value={value} selected={u.role === value}>
            {text}
          </option>
        ))}
      </select>{' '}
      <input
        name="countries"
        value={u.countries.join(',')}
        size={12}
        aria-label={t('users.countries')}
        placeholder="KEN,UGA"
      />{' '}
      <select name="organisation" aria-label={t('users.organisation')}>
        <option value="">{t('users.no_organisation')}</option>
        {organisations.map((o) => (
          <option value={String(o.id)} selected={u.organisation_id === o.id}>
            {o.name}
          </option>
        ))}
      </select>{' '}
      <button type="submit">{t('users.save')}</button>
    </form>
  );
}

export function UsersPage({
  ui,
  users,
  organisations,
  errors,
  values,
  notice,
}: {
  ui: Ui;
  users: User[];
  organisations: { id: number; name: string }[];
  errors?: FieldErrors;
  values?: Record<string, string>;
  notice?: string;
}) {
  const t = ui.t;
  const roles: [string, string][] = ROLES.map((r) => [r, t(`role.${r}`)]);
  return (
    <Layout ui={ui} title={t('users.title')}>
      <h1>{t('users.title')}</h1>
      {notice && <Message kind="ok">{notice}</Message>}
      <table class="users">
        <thead>
          <tr>
            <th>{t('users.email')}</th>
            <th>{t('users.role')}</th>
            <th>{t('users.status')}</th>
            <th>
              <span class="visually-hidden">{t('list.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <tr id={`user-${u.id}`}>
              <td>
                {u.display_name}
                <div class="meta">{u.email}</div>
              </td>
              <td>
                <UserRoleForm ui={ui} user={u} roles={roles} organisations={organisations} />
              </td>
              <td>
                {u.disabled_at
                  ? t('users.disabled')
                  : u.has_password
                    ? t('users.active')
                    : t('users.no_password')}
              </td>
              <td>
                <ActionButton ui={ui} action={`/admin/users/${u.id}/reset`} label={t('users.reset_link')} />{' '}
                <ActionButton
                  ui={ui}
                  action={`/admin/users/${u.id}/${u.disabled_at ? 'enable' : 'disable'}`}
                  label={u.disabled_at ? t('users.enable') : t('users.disable')}
                  danger={!u.disabled_at}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <section>
        <h2>{t('users.add')}</h2>
        <form method="post" action="/admin/users" class="stack narrow">
          <Csrf ui={ui} />
          <Field
            label={t('users.email')}
            name="email"
            type="email"
            required
            value={values?.email}
            errors={errors}
          />
          <Field
            label={t('users.name')}
            name="display_name"
            required
            value={values?.display_name}
            errors={errors}
          />
          <Select
            label={t('users.role')}
            name="role"
            value={values?.role ?? 'reader'}
            options={roles}
            errors={errors}
          />
          <Field
            label={t('users.countries')}
            name="countries"
            value={values?.countries}
            errors={errors}
            hint={t('users.countries_hint')}
          />
          <button type="submit">{t('users.add')}</button>
        </form>
      </section>
    </Layout>
  );
}

export function AuditPage({
  ui,
  result,
  actors,
  query,
}: {
  ui: Ui;
  result: { items: AuditRow[]; next_cursor: string | null };
  actors: string[];
  query: AuditQuery;
}) {
  const t = ui.t;
  const itemHref = (a: AuditRow) =>
    ['work', 'case', 'document'].includes(a.entity_type)
      ? `/history/${a.entity_type}/${a.entity_id}`
      : undefined;
  return (
    <Layout ui={ui} title={t('audit.title')}>
      <h1>{t('audit.title')}</h1>
      <form method="get" action="/admin/audit" class="filters">
        <Select
          label={t('audit.user')}
          name="user"
          value={query.user ?? ''}
          options={[['', t('filter.all')], ...actors.map((a): [string, string] => [a, a])]}
        />
        <Select
          label={t('audit.type')}
          name="entity_type"
          value={query.entity_type ?? ''}
          options={[
            ['', t('filter.all')],
            ...['work', 'case', 'document', 'attachment', 'user', 'token'].map((k): [string, string] => [
              k,
              k,
            ]),
          ]}
        />
        <Field label={t('audit.item')} name="entity_id" value={query.entity_id} />
        <Field label={t('audit.from')} name="from" type="date" value={query.from} />
        <Field label={t('audit.to')} name="to" type="date" value={query.to} />
        <button type="submit">{t('filter.apply')}</button>
      </form>
      <table>
        <thead>
          <tr>
            <th>{t('audit.when')}</th>
            <th>{t('audit.user')}</th>
            <th>{t('audit.action')}</th>
            <th>{t('audit.item')}</th>
          </tr>
        </thead>
        <tbody>
          {result.items.map((a) => (
            <tr>
              <td>{a.at.slice(0, 19)}</td>
              <td>{a.actor}</td>
              <td>{a.action}</td>
              <td>
                {a.entity_type} {itemHref(a) ? <a href={itemHref(a)}>{a.entity_id}</a> : a.entity_id}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <Pager ui={ui} next={result.next_cursor} />
    </Layout>
  );
}
