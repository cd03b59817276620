import { foldDiacritics } from '../text/fold.ts';

/** The kinds of citizen feedback, which are also the Open311 service codes. */
export const COMPLAINT_KINDS = ['harassment', 'delay', 'attitude', 'praise', 'other'] as const;
export type ComplaintKind = (typeof COMPLAINT_KINDS)[number];

export const COMPLAINT_KIND_VI: Record<ComplaintKind, { name: string; description: string }> = {
  harassment: { name: 'Sách nhiễu, gây phiền hà', description: 'Cán bộ đòi hỏi thêm giấy tờ, tiền, quà hoặc gây khó khăn trái quy định' },
  delay: { name: 'Chậm trễ giải quyết', description: 'Hồ sơ, yêu cầu bị trễ hẹn hoặc phải đi lại nhiều lần' },
  attitude: { name: 'Thái độ phục vụ', description: 'Thái độ thiếu tôn trọng, hách dịch, không hướng dẫn tận tình' },
  praise: { name: 'Khen ngợi', description: 'Ghi nhận cán bộ, đơn vị phục vụ tốt' },
  other: { name: 'Phản ánh khác', description: 'Phản ánh, kiến nghị khác về văn hóa công vụ' },
};

export const COMPLAINT_STATUSES = ['received', 'assigned', 'answered', 'closed'] as const;
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number];
export const COMPLAINT_STATUS_VI: Record<ComplaintStatus, string> = {
  received: 'Đã tiếp nhận',
  assigned: 'Đang xử lý',
  answered: 'Đã trả lời',
  closed: 'Đã kết thúc',
};

/** Open311 has two statuses: open while the agency works on it, closed once answered. */
export function open311Status(status: ComplaintStatus): 'open' | 'closed' {
  return status === 'answered' || status === 'closed' ? 'closed' : 'open';
}

/** Working days the agency has to answer (praise needs no answer but is acknowledged). */
export const RESPONSE_WORKING_DAYS: Record<ComplaintKind, number> = { harassment: 5, delay: 5, attitude: 7, praise: 10, other: 10 };

/**
 * The same text sent twice (a double tap, a retry, a flood): folded, spaces and punctuation removed,
 * with the kind and the target. Used to refuse duplicates within a window.
 */
export function complaintFingerprint(c: { kind: string; description: string; unitId?: string | null; dossierCode?: string | null }): string {
  const text = foldDiacritics(c.description).replace(/[^a-z0-9]+/g, '');
  return `${c.kind}|${c.unitId ?? ''}|${(c.dossierCode ?? '').toUpperCase()}|${text}`;
}

/** A tracking code a citizen can read out on the phone: PA-YYMMDD-XXXXX, no ambiguous letters. */
export function formatTrackingCode(date: string, random: () => number): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const tail = Array.from({ length: 5 }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
  return `PA-${date.slice(2, 4)}${date.slice(5, 7)}${date.slice(8, 10)}-${tail}`;
}
