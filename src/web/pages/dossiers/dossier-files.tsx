import { DownloadOutlined, FileImageOutlined, FilePdfOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { App as AntApp, Alert, Button, Checkbox, Form, Input, Radio, Tag, Typography } from 'antd';
import { useRef, useState } from 'react';
import type { TDossier } from '../../../shared/schemas/dossiers.ts';
import { DOSSIER_FILE_TYPES, dossierFileUrl, MAX_DOSSIER_FILE_BYTES, useUploadDossierFile } from '../../api/dossiers.queries.ts';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { useT } from '../../i18n/i18n.tsx';
import { formatDateTime, formatNumber } from '../../lib/format.ts';

function sizeLabel(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${formatNumber(Math.round((bytes / 1024 / 1024) * 10) / 10)} MB`;
  return `${formatNumber(Math.max(1, Math.round(bytes / 1024)))} KB`;
}

function UploadForm({ dossierId }: { dossierId: string }) {
  const t = useT();
  const { message } = AntApp.useApp();
  const upload = useUploadDossierFile(dossierId);
  const inputRef = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [name, setName] = useState('');
  const [kind, setKind] = useState<'component' | 'result'>('component');
  const [digitized, setDigitized] = useState(true);
  const [reused, setReused] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const pick = (f: File | null) => {
    setProblem(null);
    upload.reset();
    if (f && !(DOSSIER_FILE_TYPES as readonly string[]).includes(f.type)) {
      setProblem(t('file.badType'));
      setFile(null);
      return;
    }
    if (f && f.size > MAX_DOSSIER_FILE_BYTES) {
      setProblem(t('file.tooLarge'));
      setFile(null);
      return;
    }
    setFile(f);
    if (f) setName(f.name);
  };

  const submit = () => {
    if (!file) return;
    upload.mutate(
      { file, kind, name: name.trim() || file.name, digitized, reused },
      {
        onSuccess: () => {
          void message.success(t('file.uploaded'));
          setFile(null);
          setName('');
          if (inputRef.current) inputRef.current.value = '';
        },
      },
    );
  };

  return (
    <Form component={false} layout="vertical">
      <form
        className="cv-file-upload"
        aria-label={t('file.addTitle')}
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
        data-testid="file-upload-form"
      >
        <Typography.Title level={3} className="cv-form-section">
          {t('file.addTitle')}
        </Typography.Title>
        {problem ? <Alert type="error" showIcon title={problem} style={{ marginBottom: 12 }} /> : null}
        <ProblemAlert error={upload.error} />
        <Form.Item label={<span id="file-kind-label">{t('file.kind')}</span>}>
          <Radio.Group
            aria-labelledby="file-kind-label"
            value={kind}
            onChange={(e) => setKind(e.target.value as 'component' | 'result')}
            options={[
              { value: 'component', label: t('file.kind.component') },
              { value: 'result', label: t('file.kind.result') },
            ]}
          />
        </Form.Item>
        <Form.Item label={t('file.file')} htmlFor="file-input">
          <div className="cv-file-picker">
            <input
              ref={inputRef}
              id="file-input"
              type="file"
              accept={DOSSIER_FILE_TYPES.join(',')}
              className="cv-sr-only"
              onChange={(e) => pick(e.target.files?.[0] ?? null)}
              data-testid="file-input"
            />
            <label htmlFor="file-input" className="cv-file-button">
              <PaperClipOutlined aria-hidden /> {t('file.pick')}
            </label>
            <span className={file ? 'cv-file-name' : 'cv-file-name cv-muted'}>{file ? file.name : t('file.noFile')}</span>
          </div>
        </Form.Item>
        <Form.Item label={t('file.name')} htmlFor="file-name">
          <Input id="file-name" value={name} onChange={(e) => setName(e.target.value)} maxLength={300} />
        </Form.Item>
        <div className="cv-file-flags">
          <Checkbox id="file-digitized" checked={digitized} onChange={(e) => setDigitized(e.target.checked)}>
            {t('doc.digitized')}
          </Checkbox>
          <Checkbox id="file-reused" checked={reused} onChange={(e) => setReused(e.target.checked)}>
            {t('doc.reused')}
          </Checkbox>
        </div>
        <Button type="primary" htmlType="submit" icon={<UploadOutlined aria-hidden />} disabled={!file} loading={upload.isPending} data-testid="file-upload">
          {t('file.upload')}
        </Button>
      </form>
    </Form>
  );
}

export function DossierFiles({ dossier, canUpload }: { dossier: TDossier; canUpload: boolean }) {
  const t = useT();
  return (
    <div data-testid="dossier-files">
      {dossier.files.length ? (
        <ul className="cv-file-list">
          {dossier.files.map((f) => (
            <li key={f.id}>
              {f.mime === 'application/pdf' ? <FilePdfOutlined aria-hidden className="cv-file-icon" /> : <FileImageOutlined aria-hidden className="cv-file-icon" />}
              <div className="cv-file-main">
                <a href={dossierFileUrl(dossier.id, f.id)} download={f.name} className="cv-name-link" aria-label={t('file.download', { name: f.name })}>
                  {f.name} <DownloadOutlined aria-hidden />
                </a>
                <div className="cv-cell-sub">
                  {t(`file.kind.${f.kind}`)} · {sizeLabel(f.size)} · {formatDateTime(f.createdAt)}
                </div>
                <div>
                  {f.digitized ? <Tag color="blue">{t('doc.digitized')}</Tag> : null}
                  {f.reused ? <Tag color="green">{t('doc.reused')}</Tag> : null}
                </div>
              </div>
            </li>
          ))}
        </ul>
      ) : (
        <Typography.Paragraph type="secondary">{t('file.none')}</Typography.Paragraph>
      )}
      {canUpload ? <UploadForm dossierId={dossier.id} /> : null}
    </div>
  );
}
