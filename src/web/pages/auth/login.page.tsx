import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Button, Card, Form, Input } from 'antd';
import { useMemo, useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { ZLoginRequest, type TLoginRequest } from '../../../shared/schemas/access.ts';
import { useLogin, useMe } from '../../api/auth.queries.ts';
import { hasStoredCsrf } from '../../api/client.ts';
import { BrandMark } from '../../app/brand.tsx';
import { LanguageSwitch } from '../../app/language-switch.tsx';
import { FormField } from '../../components/form-field.tsx';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { useT } from '../../i18n/i18n.tsx';
import { applyServerErrors, formErrorMap } from '../../lib/forms.ts';

interface LoginState {
  from?: string;
  expired?: boolean;
}

export default function LoginPage() {
  const t = useT();
  // Ask the server only when this tab had a session (avoids a needless 401 on a fresh visit).
  const me = useMe(hasStoredCsrf());
  const navigate = useNavigate();
  const location = useLocation();
  const state = (location.state ?? {}) as LoginState;
  const login = useLogin();
  const [leftover, setLeftover] = useState<string[]>([]);
  const resolver = useMemo(() => zodResolver(ZLoginRequest, { error: formErrorMap(t) }), [t]);
  const { control, handleSubmit, setError, formState } = useForm<TLoginRequest>({
    resolver,
    defaultValues: { username: '', password: '' },
  });
  const target = state.from && state.from !== '/login' ? state.from : '/';

  if (me.data && !login.isPending) return <Navigate to={target} replace />;

  const onSubmit = handleSubmit((values) => {
    setLeftover([]);
    login.mutate(values, {
      onSuccess: () => void navigate(target, { replace: true }),
      onError: (error) => setLeftover(applyServerErrors(error, setError, ['username', 'password'])),
    });
  });

  return (
    <main className="cv-login" data-testid="login-page">
      <div className="cv-login-band">
        <div className="cv-login-lang">
          <LanguageSwitch />
        </div>
        <header className="cv-login-brand">
          <BrandMark size={64} />
          <div>
            <div className="cv-login-name">{t('app.name')}</div>
            <div className="cv-login-tagline">{t('app.tagline')}</div>
          </div>
        </header>
      </div>
      <div className="cv-login-inner">
        <Card className="cv-login-card">
          <h1 className="cv-login-title">{t('auth.title')}</h1>
          <p className="cv-login-intro">{t('auth.intro')}</p>
          {state.expired && !login.error ? (
            <Alert type="warning" showIcon title={t('auth.sessionExpired')} style={{ marginBottom: 16 }} />
          ) : null}
          <ProblemAlert error={login.error} extra={leftover} />
          <Form component={false} layout="vertical" requiredMark={false}>
            <form onSubmit={onSubmit} noValidate aria-label={t('auth.title')}>
              <Controller
                control={control}
                name="username"
                render={({ field, fieldState }) => (
                  <FormField label={t('auth.username')} htmlFor="login-username" error={fieldState.error?.message}>
                    <Input
                      {...field}
                      id="login-username"
                      size="large"
                      autoComplete="username"
                      autoCapitalize="none"
                      spellCheck={false}
                      autoFocus
                      prefix={<UserOutlined aria-hidden />}
                      status={fieldState.error ? 'error' : undefined}
                    />
                  </FormField>
                )}
              />
              <Controller
                control={control}
                name="password"
                render={({ field, fieldState }) => (
                  <FormField label={t('auth.password')} htmlFor="login-password" error={fieldState.error?.message}>
                    <Input.Password
                      {...field}
                      id="login-password"
                      size="large"
                      autoComplete="current-password"
                      prefix={<LockOutlined aria-hidden />}
                      status={fieldState.error ? 'error' : undefined}
                    />
                  </FormField>
                )}
              />
              <Button type="primary" htmlType="submit" size="large" block loading={login.isPending || formState.isSubmitting}>
                {t('auth.submit')}
              </Button>
            </form>
          </Form>
        </Card>
        <footer className="cv-login-footer">{t('app.footer')}</footer>
      </div>
    </main>
  );
}
