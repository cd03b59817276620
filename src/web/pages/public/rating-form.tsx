import { zodResolver } from '@hookform/resolvers/zod';
import { Button, Input, Radio } from 'antd';
import { useMemo, useState } from 'react';
import { Controller, useForm, useWatch } from 'react-hook-form';
import { RATING_CRITERIA, RATING_LEVELS, ZRatingRequest } from '../../../shared/schemas/dossiers.ts';
import { useRateDossier, type TRatingRequest } from '../../api/public.queries.ts';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { useT } from '../../i18n/i18n.tsx';
import { applyServerErrors, formErrorMap } from '../../lib/forms.ts';
import { Face, type Level } from './faces.tsx';

/** The citizen rates once, after the result is returned: three big faces, details optional. */
export function RatingForm({ code, onRated }: { code: string; onRated: (level: Level) => void }) {
  const t = useT();
  const rate = useRateDossier(code);
  const [leftover, setLeftover] = useState<string[]>([]);
  const resolver = useMemo(() => zodResolver(ZRatingRequest, { error: formErrorMap(t) }), [t]);
  const { control, handleSubmit, setError, formState } = useForm<TRatingRequest>({
    resolver,
    defaultValues: { criteria: {}, comment: '', phoneLast4: '' },
  });
  const level = useWatch({ control, name: 'level' });
  const commentRequired = level === 'dissatisfied';

  const onSubmit = handleSubmit((values) => {
    setLeftover([]);
    rate.mutate(values, {
      onSuccess: (res) => onRated(res.level as Level),
      onError: (error) => setLeftover(applyServerErrors(error, setError, ['level', 'comment', 'phoneLast4', 'criteria'])),
    });
  });

  const levelError = formState.errors.level?.message;
  return (
    <section className="cv-public-card cv-rating" aria-labelledby="rating-title" data-testid="rating-form">
      <h2 id="rating-title" className="cv-public-h2">
        {t('public.rateTitle')}
      </h2>
      <p className="cv-public-lead">{t('public.rateIntro')}</p>
      <ProblemAlert error={rate.error} extra={leftover} />
      <form onSubmit={onSubmit} noValidate aria-labelledby="rating-title">
        <Controller
          control={control}
          name="level"
          render={({ field }) => (
            <fieldset className="cv-faces-fieldset" aria-describedby={levelError ? 'rating-level-error' : undefined}>
              <legend className="cv-public-label">{t('public.levelLabel')}</legend>
              <div className="cv-faces">
                {RATING_LEVELS.map((l) => (
                  <label key={l} className={`cv-face cv-face-${l}${field.value === l ? ' is-checked' : ''}`} data-testid={`rate-${l}`}>
                    <input
                      type="radio"
                      name="rating-level"
                      value={l}
                      checked={field.value === l}
                      onChange={() => field.onChange(l)}
                      className="cv-face-input"
                    />
                    <Face level={l} size={52} />
                    <span className="cv-face-label">{t(`rating.${l}`)}</span>
                  </label>
                ))}
              </div>
              {levelError ? (
                <div id="rating-level-error" className="cv-public-error" role="alert">
                  {t('public.levelRequired')}
                </div>
              ) : null}
            </fieldset>
          )}
        />

        <details className="cv-criteria">
          <summary>{t('public.criteria')}</summary>
          <Controller
            control={control}
            name="criteria"
            render={({ field }) => (
              <div className="cv-criteria-list">
                {RATING_CRITERIA.map((c) => (
                  <div key={c} className="cv-criteria-row">
                    <span id={`crit-${c}`} className="cv-criteria-name">
                      {t(`criteria.${c}`)}
                    </span>
                    <Radio.Group
                      aria-labelledby={`crit-${c}`}
                      optionType="button"
                      buttonStyle="solid"
                      value={field.value?.[c]}
                      onChange={(e) => field.onChange({ ...(field.value ?? {}), [c]: e.target.value })}
                      options={RATING_LEVELS.map((l) => ({ value: l, label: t(`rating.${l}`) }))}
                    />
                  </div>
                ))}
              </div>
            )}
          />
        </details>

        <Controller
          control={control}
          name="comment"
          render={({ field, fieldState }) => (
            <div className="cv-public-field">
              <label htmlFor="rating-comment" className="cv-public-label">
                {t('public.comment')}{' '}
                <span className={commentRequired ? 'cv-required-note' : 'cv-muted'}>
                  ({commentRequired ? t('public.commentRequired') : t('public.commentOptional')})
                </span>
              </label>
              <Input.TextArea
                {...field}
                value={field.value ?? ''}
                id="rating-comment"
                autoSize={{ minRows: 3, maxRows: 8 }}
                maxLength={1000}
                aria-required={commentRequired}
                aria-invalid={fieldState.error ? true : undefined}
                status={fieldState.error ? 'error' : undefined}
                className="cv-public-textarea"
                data-testid="rating-comment"
              />
              {fieldState.error ? (
                <div className="cv-public-error" role="alert">
                  {fieldState.error.message}
                </div>
              ) : null}
            </div>
          )}
        />

        <Controller
          control={control}
          name="phoneLast4"
          render={({ field, fieldState }) => (
            <div className="cv-public-field">
              <label htmlFor="rating-phone" className="cv-public-label">
                {t('public.phoneLast4')}
              </label>
              <Input
                {...field}
                id="rating-phone"
                size="large"
                inputMode="numeric"
                autoComplete="off"
                maxLength={4}
                aria-describedby="rating-phone-help"
                aria-required
                aria-invalid={fieldState.error ? true : undefined}
                status={fieldState.error ? 'error' : undefined}
                className="cv-phone4 cv-mono"
                data-testid="rating-phone"
              />
              <div id="rating-phone-help" className={fieldState.error ? 'cv-public-error' : 'cv-public-help'} role={fieldState.error ? 'alert' : undefined}>
                {fieldState.error ? (fieldState.error.type === 'server' ? fieldState.error.message : t('public.phoneLast4Invalid')) : t('public.phoneLast4Help')}
              </div>
            </div>
          )}
        />

        <Button type="primary" size="large" htmlType="submit" block loading={rate.isPending} className="cv-public-button" data-testid="rating-submit">
          {t('public.sendRating')}
        </Button>
      </form>
    </section>
  );
}
