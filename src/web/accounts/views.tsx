/** Pages: sign in, set a password from a reset link, one's account and tokens. */
import { Layout } from '../shell/layout.js';
import { Csrf, Field, Message, Select, ActionButton, type FieldErrors } from '../shell/fields.js';
import type { Ui } from '../shell/ui.js';
import type { TokenInfo } from '../../domains/accounts/tokens.js';
import type { User } from '../../domains/accounts/users.js';

export function LoginPage({
  ui,
  email,
  next,
  error,
  notice,
}: {
  ui: Ui;
  email?: string;
  next?: string;
  error?: string;
  notice?: string;
}) {
  const t = ui.t;
  return (
    <Layout ui={ui} title={t('login.title')}>
      <h1>{t('login.title')}</h1>
      {notice && <Message kind="ok">{notice}</Message>}
      {error && <Message kind="error">{error}</Message>}
      <form method="post" action="/login" class="stack narrow">
        <Csrf ui={ui} />
        <input type="hidden" name="next" value={next ?? ''} />
        <Field
          label={t('login.email')}
          name="email"
          type="email"
          value={email}
          required
          autocomplete="username"
        />
        <Field
          label={t('login.password')}
          name="password"
          type="password"
          required
          autocomplete="current-password"
        />
        <button type="submit">{t('login.submit')}</button>
      </form>
      <p class="meta">{t('login.forgot')}</p>
    </Layout>
  );
}

export function ResetPage({
  ui,
  token,
  email,
  errors,
}: {
  ui: Ui;
  token: string;
  email: string;
  errors?: FieldErrors;
}) {
  const t = ui.t;
  return (
    <Layout ui={ui} title={t('reset.title')}>
      <h1>{t('reset.title')}</h1>
      <p>{t('reset.for', { email })}</p>
      <form method="post" action={`/reset/${token}`} class="stack narrow">
        <Csrf ui={ui} />
        <Field
          label={t('account.new_password')}
          name="password"
          type="password"
          required
          autocomplete="new-password"
          errors={errors}
          hint={t('account.password_hint')}
        />
        <Field
          label={t('account.confirm_password')}
          name="confirm"
          type="password"
          required
          autocomplete="new-password"
          errors={errors}
        />
        <button type="submit">{t('reset.submit')}</button>
      </form>
    </Layout>
  );
}

type AccountProps = {
  ui: Ui;
  user: User;
  tokens: TokenInfo[];
  searches: { id: number; name: string; params: string }[];
  newToken?: string;
  errors?: FieldErrors;
  notice?: string;
};

export function AccountPage({ ui, user, tokens, searches, newToken, errors, notice }: AccountProps) {
  const t = ui.t;
  return (
    <Layout ui={ui} title={t('account.title')}>
      <h1>{t('account.title')}</h1>
      {notice && <Message kind="ok">{notice}</Message>}
      <p>
        {user.display_name} · {user.email} · {t(`role.${user.role}`)}
        {user.countries.length > 0 && ` · ${user.countries.join(', ')}`}
      </p>
      <section id="searches">
        <h2>{t('search.saved_title')}</h2>
        {searches.length === 0 && <p class="meta">{t('list.empty')}</p>}
        <ul>
          {searches.map((s) => (
            <li>
              <a href={`/search?${s.params}`}>{s.name}</a> ·{' '}
              <a href={`/feeds/search.atom?${s.params}`}>{t('search.feed')}</a>{' '}
              <ActionButton
                ui={ui}
                action={`/search/saved/${s.id}/delete`}
                label={t('attachments.delete')}
                danger
              />
            </li>
          ))}
        </ul>
      </section>
      <section>
        <h2>{t('account.change_password')}</h2>
        <form method="post" action="/account/password" class="stack narrow">
          <Csrf ui={ui} />
          <Field
            label={t('account.current_password')}
            name="current"
            type="password"
            required
            autocomplete="current-password"
            errors={errors}
          />
          <Field
            label={t('account.new_password')}
            name="password"
            type="password"
            required
            autocomplete="new-password"
            errors={errors}
            hint={t('account.password_hint')}
          />
          <Field
            label={t('account.confirm_password')}
            name="confirm"
            type="password"
            required
            autocomplete="new-password"
            errors={errors}
          />
          <button type="submit">{t('account.change_password')}</button>
        </form>
      </section>
      <section>
        <h2>{t('tokens.title')}</h2>
        {newToken && (
          <Message kind="ok">
            {t('tokens.shown_once')} <code class="token">{newToken}</code>
          </Message>
        )}
        <table>
          <thead>
            <tr>
              <th>{t('tokens.name')}</th>
              <th>{t('tokens.scope')}</th>
              <th>{t('tokens.last_used')}</th>
              <th>
                <span class="visually-hidden">{t('list.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {tokens.map((k) => (
              <tr>
                <td>{k.name}</td>
                <td>{t(`tokens.${k.scope}`)}</td>
                <td>{k.last_used_at ?? t('tokens.never')}</td>
                <td>
                  {k.revoked_at ? (
                    t('tokens.revoked')
                  ) : (
                    <ActionButton
                      ui={ui}
                      action={`/account/tokens/${k.id}/revoke`}
                      label={t('tokens.revoke')}
                      danger
                    />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <form method="post" action="/account/tokens" class="stack narrow">
          <Csrf ui={ui} />
          <Field label={t('tokens.name')} name="name" required errors={errors} />
          <Select
            label={t('tokens.scope')}
            name="scope"
            value="read"
            options={(['read', 'write', ...(user.role === 'admin' ? ['admin' as const] : [])] as const).map(
              (s) => [s, t(`tokens.${s}`)] as [string, string],
            )}
            errors={errors}
          />
          <button type="submit">{t('tokens.create')}</button>
        </form>
      </section>
    </Layout>
  );
}
