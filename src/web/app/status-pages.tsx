import { FileSearchOutlined, LockOutlined } from '@ant-design/icons';
import { Button, Result } from 'antd';
import { Link } from 'react-router';
import { useT } from '../i18n/i18n.tsx';

export function NotFoundPage() {
  const t = useT();
  return (
    <Result
      icon={<FileSearchOutlined aria-hidden className="cv-result-icon" />}
      title={t('common.notFound')}
      subTitle={t('common.notFoundDetail')}
      extra={
        <Link to="/">
          <Button type="primary">{t('common.backHome')}</Button>
        </Link>
      }
      data-testid="page-not-found"
    />
  );
}

export function ForbiddenPage() {
  const t = useT();
  return (
    <Result
      icon={<LockOutlined aria-hidden className="cv-result-icon" />}
      title={t('common.forbidden')}
      subTitle={t('common.forbiddenDetail')}
      extra={
        <Link to="/">
          <Button type="primary">{t('common.backHome')}</Button>
        </Link>
      }
      data-testid="page-forbidden"
    />
  );
}
