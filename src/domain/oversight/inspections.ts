/**
 * Inspections: planned (from the year's plan) or surprise. Planned → in progress (on site) →
 * signed off by the lead → concluded (the conclusion document). Each checklist item is answered
 * per target unit: pass, fail or not applicable.
 */
export const INSPECTION_STATUSES = ['planned', 'in_progress', 'signed_off', 'concluded', 'cancelled'] as const;
export type InspectionStatus = (typeof INSPECTION_STATUSES)[number];

export const INSPECTION_STATUS_VI: Record<InspectionStatus, string> = {
  planned: 'Đã lên kế hoạch',
  in_progress: 'Đang kiểm tra',
  signed_off: 'Trưởng đoàn đã ký',
  concluded: 'Đã kết luận',
  cancelled: 'Đã hủy',
};

export type InspectionAction = 'start' | 'sign_off' | 'conclude' | 'cancel';

const FROM: Record<InspectionAction, readonly InspectionStatus[]> = {
  start: ['planned'],
  sign_off: ['in_progress'],
  conclude: ['signed_off'],
  cancel: ['planned', 'in_progress'],
};
const TO: Record<InspectionAction, InspectionStatus> = { start: 'in_progress', sign_off: 'signed_off', conclude: 'concluded', cancel: 'cancelled' };

export function nextInspectionStatus(status: InspectionStatus, action: InspectionAction): InspectionStatus | null {
  return FROM[action].includes(status) ? TO[action] : null;
}

export type AnswerResult = 'pass' | 'fail' | 'na';

/**
 * Sign-off needs every item answered for every target; a failed item needs a note (what was seen).
 * Returns the problems, empty when the checklist is complete.
 */
export function checklistProblems(
  itemCount: number,
  targets: readonly string[],
  answers: readonly { targetUnitId: string; itemIndex: number; result: AnswerResult; note: string | null }[],
): { field: string; message: string }[] {
  const problems: { field: string; message: string }[] = [];
  const byKey = new Map(answers.map((a) => [`${a.targetUnitId}|${a.itemIndex}`, a]));
  for (const target of targets) {
    for (let i = 0; i < itemCount; i++) {
      const a = byKey.get(`${target}|${i}`);
      if (!a) problems.push({ field: `answers.${target}.${i}`, message: `Chưa trả lời mục ${i + 1}.` });
      else if (a.result === 'fail' && !a.note?.trim()) problems.push({ field: `answers.${target}.${i}.note`, message: `Mục ${i + 1} không đạt phải ghi rõ điều quan sát được.` });
    }
  }
  return problems;
}

export const SEVERITIES = ['minor', 'moderate', 'serious'] as const;
export type Severity = (typeof SEVERITIES)[number];
export const SEVERITY_VI: Record<Severity, string> = { minor: 'Nhẹ', moderate: 'Trung bình', serious: 'Nghiêm trọng' };

/** A remediation is overdue when it is not done by its deadline. */
export function remediationOverdue(r: { status: 'open' | 'done' | 'verified'; dueAt: Date; doneAt: Date | null }, now: Date): boolean {
  if (r.status === 'open') return now > r.dueAt;
  return false;
}
