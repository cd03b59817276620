import { Typography } from 'antd';
import type { ReactNode } from 'react';

interface PageHeaderProps {
  title: ReactNode;
  subtitle?: ReactNode;
  extra?: ReactNode;
  testId?: string;
}

export function PageHeader({ title, subtitle, extra, testId }: PageHeaderProps) {
  return (
    <div className="cv-page-header" data-testid={testId}>
      <div className="cv-page-header-text">
        <Typography.Title level={1} className="cv-page-title">
          {title}
        </Typography.Title>
        {subtitle ? <Typography.Paragraph type="secondary" className="cv-page-subtitle">{subtitle}</Typography.Paragraph> : null}
      </div>
      {extra ? <div className="cv-page-header-extra">{extra}</div> : null}
    </div>
  );
}
