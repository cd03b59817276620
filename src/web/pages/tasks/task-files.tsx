import { DownloadOutlined, FileImageOutlined, FilePdfOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App as AntApp, Button, Form, Input, Typography } from 'antd';
import { useRef, useState } from 'react';
import type { TTask } from '../../../shared/schemas/tasks.ts';
import { MAX_TASK_FILE_BYTES, TASK_FILE_TYPES, taskFileUrl, useUploadTaskFile } from '../../api/tasks.queries.ts';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { useT } from '../../i18n/i18n.tsx';
import { formatDateTime, formatNumber } from '../../lib/format.ts';

function sizeLabel(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${formatNumber(Math.round((bytes / 1024 / 1024) * 10) / 10)} MB`;
  return `${formatNumber(Math.max(1, Math.round(bytes / 1024)))} KB`;
}

function UploadForm({ taskId }: { taskId: string }) {
  const t = useT();
  const { message } = AntApp.useApp();
  const upload = useUploadTaskFile(taskId);
  const inputRef = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [name, setName] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  const pick = (f: File | null) => {
    setProblem(null);
    upload.reset();
    if (f && !(TASK_FILE_TYPES as readonly string[]).includes(f.type)) {
      setProblem(t('tasks.file.badType'));
      setFile(null);
      return;
    }
    if (f && f.size > MAX_TASK_FILE_BYTES) {
      setProblem(t('tasks.file.tooLarge'));
      setFile(null);
      return;
    }
    setFile(f);
    if (f) setName(f.name);
  };

  const submit = () => {
    if (!file) return;
    upload.mutate(
      { file, name: name.trim() || file.name },
      {
        onSuccess: () => {
          void message.success(t('tasks.file.uploaded'));
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
        aria-label={t('tasks.file.add')}
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
        data-testid="task-file-form"
      >
        <Typography.Title level={3} className="cv-form-section">
          {t('tasks.file.add')}
        </Typography.Title>
        {problem ? <Alert type="error" showIcon title={problem} style={{ marginBottom: 12 }} /> : null}
        <ProblemAlert error={upload.error} />
        <Form.Item label={t('tasks.file.file')} htmlFor="task-file-input" help={t('tasks.file.types')}>
          <div className="cv-file-picker">
            <input
              ref={inputRef}
              id="task-file-input"
              type="file"
              accept={TASK_FILE_TYPES.join(',')}
              className="cv-sr-only"
              onChange={(e) => pick(e.target.files?.[0] ?? null)}
              data-testid="task-file-input"
            />
            <label htmlFor="task-file-input" className="cv-file-button">
              <PaperClipOutlined aria-hidden /> {t('tasks.file.pick')}
            </label>
            <span className={file ? 'cv-file-name' : 'cv-file-name cv-muted'}>{file ? file.name : t('tasks.file.noFile')}</span>
          </div>
        </Form.Item>
        <Form.Item label={t('tasks.file.name')} htmlFor="task-file-name">
          <Input id="task-file-name" value={name} onChange={(e) => setName(e.target.value)} maxLength={300} />
        </Form.Item>
        <Button type="primary" htmlType="submit" icon={<UploadOutlined aria-hidden />} disabled={!file} loading={upload.isPending} data-testid="task-file-upload">
          {t('tasks.file.upload')}
        </Button>
      </form>
    </Form>
  );
}

/** The evidence of a task: a list to download, and (for its owner and collaborators) an upload form. */
export function TaskFiles({ task, canUpload }: { task: TTask; canUpload: boolean }) {
  const t = useT();
  return (
    <div data-testid="task-files">
      {task.files.length ? (
        <ul className="cv-file-list">
          {task.files.map((f) => (
            <li key={f.id}>
              {f.mime === 'application/pdf' ? <FilePdfOutlined aria-hidden className="cv-file-icon" /> : <FileImageOutlined aria-hidden className="cv-file-icon" />}
              <div className="cv-file-main">
                <a href={taskFileUrl(task.id, f.id)} download={f.name} className="cv-name-link" aria-label={t('tasks.file.download', { name: f.name })}>
                  {f.name} <DownloadOutlined aria-hidden />
                </a>
                <div className="cv-cell-sub">
                  {sizeLabel(f.size)} · {formatDateTime(f.createdAt)}
                </div>
              </div>
            </li>
          ))}
        </ul>
      ) : (
        <Typography.Paragraph type="secondary">{t('tasks.file.none')}</Typography.Paragraph>
      )}
      {canUpload ? <UploadForm taskId={task.id} /> : null}
    </div>
  );
}
