import { CheckCircleOutlined, CloudUploadOutlined, DownloadOutlined, FileSearchOutlined, FolderOpenOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Form, Row, Space, Statistic, Table, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import type { TImportReport } from '../../../shared/schemas/org.ts';
import { IMPORT_TEMPLATE_URL, importContentType, useImportOfficials } from '../../api/officials.queries.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { useT } from '../../i18n/i18n.tsx';

type ImportError = TImportReport['errors'][number];

/** Field names in the server's report → the column headers of the import template. */
const COLUMN_NAMES: Record<string, string> = {
  fullName: 'Họ và tên',
  idNumber: 'Số định danh cá nhân',
  gender: 'Giới tính',
  birthDate: 'Ngày sinh',
  email: 'Email',
  phone: 'Điện thoại',
  rank: 'Ngạch',
  employmentType: 'Loại',
  partyRole: 'Chức vụ Đảng',
  isHead: 'Người đứng đầu',
  unitCode: 'Mã đơn vị',
  unitId: 'Mã đơn vị',
  startedOn: 'Ngày bắt đầu công tác',
};

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function fileKey(file: File): string {
  return `${file.name}:${file.size}:${file.lastModified}`;
}

export default function ImportPage() {
  const t = useT();
  const importer = useImportOfficials();
  const [file, setFile] = useState<File | null>(null);
  const [typeError, setTypeError] = useState<string | null>(null);
  const [report, setReport] = useState<TImportReport | null>(null);
  const [checkedKey, setCheckedKey] = useState<string | null>(null);

  // Bad rows are skipped by the server, so importing is allowed once a check found something to write.
  const checkedOk =
    file !== null && checkedKey === fileKey(file) && report?.dryRun === true && report.created + report.updated > 0;

  const run = (dryRun: boolean) => {
    if (!file) return;
    importer.mutate(
      { file, dryRun },
      {
        onSuccess: (r) => {
          setReport(r);
          setCheckedKey(dryRun ? fileKey(file) : null);
        },
      },
    );
  };

  const columns: TableColumnsType<ImportError> = [
    { key: 'line', title: t('import.line'), dataIndex: 'line', width: 90, sorter: (a, b) => a.line - b.line, defaultSortOrder: 'ascend' },
    { key: 'field', title: t('import.field'), dataIndex: 'field', width: 200, render: (v: string | null) => (v ? (COLUMN_NAMES[v] ?? v) : '—') },
    { key: 'message', title: t('import.message'), dataIndex: 'message' },
  ];

  return (
    <div data-testid="import-page">
      <PageHeader
        title={t('import.title')}
        subtitle={t('import.intro')}
        extra={
          <Button href={IMPORT_TEMPLATE_URL} icon={<DownloadOutlined aria-hidden />} download data-testid="import-template">
            {t('import.template')}
          </Button>
        }
      />
      <Card className="cv-card">
        <Form component={false} layout="vertical">
          <Form.Item label={t('import.file')} htmlFor="import-file" validateStatus={typeError ? 'error' : undefined} help={typeError ?? undefined}>
            <div className="cv-file-picker">
              <input
                id="import-file"
                className="cv-sr-only"
                type="file"
                accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                onChange={(e) => {
                  const picked = e.target.files?.[0] ?? null;
                  setReport(null);
                  setCheckedKey(null);
                  importer.reset();
                  if (picked && !importContentType(picked.name)) {
                    setTypeError(t('import.badType'));
                    setFile(null);
                  } else {
                    setTypeError(null);
                    setFile(picked);
                  }
                }}
              />
              <label htmlFor="import-file" className="cv-file-button" aria-hidden="true">
                <FolderOpenOutlined aria-hidden /> {t('import.pick')}
              </label>
              <span className={file ? 'cv-file-name' : 'cv-file-name cv-muted'} data-testid="import-file-name">
                {file ? `${file.name} (${formatSize(file.size)})` : t('import.noFile')}
              </span>
            </div>
          </Form.Item>
        </Form>
        <Space wrap>
          <Button icon={<FileSearchOutlined aria-hidden />} disabled={!file} loading={importer.isPending && importer.variables?.dryRun === true} onClick={() => run(true)}>
            {t('import.check')}
          </Button>
          <Button
            type="primary"
            icon={<CloudUploadOutlined aria-hidden />}
            disabled={!checkedOk}
            loading={importer.isPending && importer.variables?.dryRun === false}
            onClick={() => run(false)}
          >
            {t('import.run')}
          </Button>
          {file && !report ? <Typography.Text type="secondary">{t('import.mustCheck')}</Typography.Text> : null}
        </Space>
      </Card>

      <ProblemAlert error={importer.error} />

      {report ? (
        <Card className="cv-card" title={report.dryRun ? t('import.reportDry') : t('import.reportReal')} data-testid="import-report">
          {report.errors.length === 0 ? (
            <Alert
              type={report.created + report.updated > 0 ? 'success' : 'info'}
              showIcon
              icon={<CheckCircleOutlined aria-hidden />}
              title={
                report.created + report.updated === 0
                  ? t('import.nothingToDo')
                  : report.dryRun
                    ? t('import.dryRunOk')
                    : t('import.done', { created: report.created, updated: report.updated })
              }
              style={{ marginBottom: 16 }}
            />
          ) : (
            <Alert
              type={report.dryRun ? 'warning' : 'error'}
              showIcon
              title={
                report.dryRun
                  ? t('import.dryRunErrors', { count: report.errors.length })
                  : t('import.doneWithErrors', { count: report.errors.length, created: report.created, updated: report.updated })
              }
              style={{ marginBottom: 16 }}
            />
          )}
          <Row gutter={[16, 16]} className="cv-stats">
            <Col xs={12} md={6}>
              <Statistic title={t('import.total')} value={report.total} />
            </Col>
            <Col xs={12} md={6}>
              <Statistic title={report.dryRun ? t('import.willCreate') : t('import.created')} value={report.created} />
            </Col>
            <Col xs={12} md={6}>
              <Statistic title={report.dryRun ? t('import.willUpdate') : t('import.updated')} value={report.updated} />
            </Col>
            <Col xs={12} md={6}>
              <Statistic
                title={t('import.errorCount')}
                value={report.errors.length}
                styles={{ content: { color: report.errors.length ? '#b71c1c' : undefined } }}
              />
            </Col>
          </Row>
          {report.errors.length ? (
            <Table<ImportError>
              rowKey={(e) => `${e.line}:${e.field ?? ''}:${e.message}`}
              size="small"
              columns={columns}
              dataSource={report.errors}
              pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
              data-testid="import-errors"
              style={{ marginTop: 16 }}
            />
          ) : null}
        </Card>
      ) : null}
    </div>
  );
}
