import { CameraOutlined, CheckCircleFilled, CheckOutlined, CloseOutlined, MinusOutlined, SaveOutlined } from '@ant-design/icons';
import { App as AntApp, Button, Input, Tag } from 'antd';
import { useEffect, useId, useRef, useState, type ChangeEvent, type ReactNode } from 'react';
import {
  MAX_PHOTO_BYTES,
  PHOTO_TYPES,
  photoUrl,
  useAnswerItem,
  useUploadPhoto,
  type AnswerResult,
  type TAnswer,
  type TChecklistItem,
  type TInspection,
} from '../../api/oversight.queries.ts';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { useT } from '../../i18n/i18n.tsx';
import { formatDateTime } from '../../lib/format.ts';

const RESULTS: { value: AnswerResult; icon: ReactNode }[] = [
  { value: 'pass', icon: <CheckOutlined aria-hidden /> },
  { value: 'fail', icon: <CloseOutlined aria-hidden /> },
  { value: 'na', icon: <MinusOutlined aria-hidden /> },
];
const RESULT_COLOR: Record<AnswerResult, string> = { pass: 'green', fail: 'red', na: 'default' };

interface ChecklistItemProps {
  inspection: TInspection;
  index: number;
  item: TChecklistItem;
  targetUnitId: string;
  answer: TAnswer | undefined;
  /** The team records results while the inspection is in progress; otherwise the card only shows them. */
  editable: boolean;
}

function Photos({ inspection, ids }: { inspection: TInspection; ids: string[] }) {
  const t = useT();
  if (!ids.length) return null;
  return (
    <ul className="cv-ov-photos" aria-label={t('oversight.insp.photos')}>
      {ids.map((pid) => {
        const name = inspection.photos.find((p) => p.id === pid)?.name ?? '';
        return (
          <li key={pid}>
            <a href={photoUrl(inspection.id, pid)} target="_blank" rel="noopener noreferrer">
              <img src={photoUrl(inspection.id, pid)} alt={t('oversight.insp.photoAlt', { name })} loading="lazy" />
            </a>
          </li>
        );
      })}
    </ul>
  );
}

/** One checklist item, made for a thumb: three big result buttons, a note, photos from the camera. */
export function ChecklistItem({ inspection, index, item, targetUnitId, answer, editable }: ChecklistItemProps) {
  const t = useT();
  const { message } = AntApp.useApp();
  const uid = useId();
  const n = index + 1;
  const save = useAnswerItem(inspection.id);
  const upload = useUploadPhoto(inspection.id);
  const noteRef = useRef<HTMLTextAreaElement | null>(null);
  const [result, setResult] = useState<AnswerResult | null>(answer?.result ?? null);
  const [note, setNote] = useState(answer?.note ?? '');
  const [showNote, setShowNote] = useState(Boolean(answer?.note));
  const [noteError, setNoteError] = useState(false);
  const [pending, setPending] = useState<string[]>([]);
  const [fileError, setFileError] = useState<string | null>(null);

  // A new saved answer (here or by a team mate) becomes the card's state.
  useEffect(() => {
    setResult(answer?.result ?? null);
    setNote(answer?.note ?? '');
    if (answer?.note) setShowNote(true);
  }, [answer?.answeredAt, answer?.result, answer?.note]);

  const savedPhotos = answer?.photoIds ?? [];
  const dirty = result !== (answer?.result ?? null) || note.trim() !== (answer?.note ?? '').trim() || pending.length > 0;
  const noteId = `${uid}-note`;

  const send = (r: AnswerResult, extraPhotos: string[] = []) => {
    if (r === 'fail' && !note.trim()) {
      setNoteError(true);
      setShowNote(true);
      setTimeout(() => noteRef.current?.focus(), 0);
      return;
    }
    setNoteError(false);
    const photos = [...savedPhotos, ...pending, ...extraPhotos];
    save.mutate(
      { targetUnitId, itemIndex: index, result: r, note: note.trim() || null, photoIds: photos },
      { onSuccess: () => setPending((p) => p.filter((x) => !photos.includes(x))) },
    );
  };

  const choose = (r: AnswerResult) => {
    setResult(r);
    if (r === 'fail') {
      setShowNote(true);
      if (!note.trim()) {
        setTimeout(() => noteRef.current?.focus(), 0);
        return;
      }
    }
    send(r);
  };

  const onFile = (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    if (!(PHOTO_TYPES as readonly string[]).includes(file.type)) return setFileError(t('oversight.insp.photoBadType'));
    if (file.size > MAX_PHOTO_BYTES) return setFileError(t('oversight.insp.photoTooLarge'));
    setFileError(null);
    upload.mutate(file, {
      onSuccess: ({ id }) => {
        void message.success(t('oversight.insp.photoUploaded'));
        // Already answered: attach the photo to the answer now; otherwise it goes with the answer.
        if (result && answer && (result !== 'fail' || note.trim())) send(result, [id]);
        else setPending((p) => [...p, id]);
      },
    });
  };

  const state = answer ? (dirty ? 'unsaved' : 'saved') : dirty ? 'unsaved' : 'empty';

  return (
    <li className={`cv-ov-item cv-ov-item-${result ?? 'none'}`} data-testid={`item-${index}`} data-saved={state === 'saved'} data-result={answer?.result ?? ''}>
      <div className="cv-ov-item-head">
        <span className="cv-ov-item-no">
          {t('oversight.insp.item', { n })} · <span className="cv-mono">{item.ruleCode}</span>
        </span>
        {!editable ? null : state === 'saved' ? (
          <span className="cv-ov-saved">
            <CheckCircleFilled aria-hidden /> {t('oversight.insp.saved')}
          </span>
        ) : (
          <span className={state === 'unsaved' ? 'cv-ov-unsaved' : 'cv-muted'}>{t(state === 'unsaved' ? 'oversight.insp.unsaved' : 'oversight.insp.notAnswered')}</span>
        )}
      </div>
      <p className="cv-ov-item-text" id={`${uid}-text`}>
        {item.text}
      </p>

      {editable ? (
        <div className="cv-ov-results" role="group" aria-label={t('oversight.insp.resultLabel', { n })}>
          {RESULTS.map((r) => (
            <button
              key={r.value}
              type="button"
              className={`cv-ov-result cv-ov-result-${r.value}${result === r.value ? ' is-on' : ''}`}
              aria-pressed={result === r.value}
              aria-describedby={`${uid}-text`}
              onClick={() => choose(r.value)}
              disabled={save.isPending}
              data-testid={`item-${index}-${r.value}`}
            >
              {r.icon}
              <span>{t(`oversight.result.${r.value}`)}</span>
            </button>
          ))}
        </div>
      ) : answer ? (
        <div>
          <Tag color={RESULT_COLOR[answer.result]} className="cv-ov-result-tag">
            {t(`oversight.result.${answer.result}`)}
          </Tag>
          <span className="cv-cell-sub">{t('oversight.insp.by', { who: answer.answeredBy, at: formatDateTime(answer.answeredAt) })}</span>
        </div>
      ) : null}

      {editable && (showNote || result === 'fail') ? (
        <div className="cv-ov-note">
          <label htmlFor={noteId} className={result === 'fail' ? 'cv-ov-label cv-required-note' : 'cv-ov-label'}>
            {result === 'fail' ? t('oversight.insp.noteFail') : `${t('oversight.insp.note')} ${t('oversight.optional')}`}
          </label>
          <Input.TextArea
            id={noteId}
            ref={(el) => {
              noteRef.current = el?.resizableTextArea?.textArea ?? null;
            }}
            value={note}
            onChange={(e) => {
              setNote(e.target.value);
              if (e.target.value.trim()) setNoteError(false);
            }}
            autoSize={{ minRows: 2, maxRows: 8 }}
            maxLength={5000}
            aria-required={result === 'fail'}
            aria-invalid={noteError || undefined}
            aria-describedby={noteError ? `${noteId}-error` : undefined}
            status={noteError ? 'error' : undefined}
            data-testid={`item-${index}-note`}
          />
          {noteError ? (
            <div id={`${noteId}-error`} className="ant-form-item-explain-error" role="alert">
              {t('oversight.insp.noteMissing')}
            </div>
          ) : null}
        </div>
      ) : null}
      {!editable && answer?.note ? <p className="cv-ov-note-text">“{answer.note}”</p> : null}

      <Photos inspection={inspection} ids={[...savedPhotos, ...pending]} />

      {editable ? (
        <div className="cv-ov-item-actions">
          <label className={`cv-ov-photo-button${upload.isPending ? ' is-busy' : ''}`}>
            <input
              type="file"
              accept="image/*"
              capture="environment"
              onChange={onFile}
              className="cv-sr-only"
              aria-label={t('oversight.insp.photoLabel', { n })}
              disabled={upload.isPending}
              data-testid={`item-${index}-photo`}
            />
            <CameraOutlined aria-hidden /> {t('oversight.insp.photo')}
          </label>
          {!showNote && result !== 'fail' ? (
            <Button type="link" onClick={() => setShowNote(true)} className="cv-ov-add-note">
              + {t('oversight.insp.note')}
            </Button>
          ) : null}
          {dirty && result ? (
            <Button type="primary" icon={<SaveOutlined aria-hidden />} onClick={() => send(result)} loading={save.isPending} data-testid={`item-${index}-save`}>
              {t('oversight.insp.saveItem', { n })}
            </Button>
          ) : null}
        </div>
      ) : null}
      {fileError ? (
        <div className="ant-form-item-explain-error" role="alert">
          {fileError}
        </div>
      ) : null}
      <ProblemAlert error={save.error ?? upload.error} className="cv-ov-item-error" />
    </li>
  );
}
