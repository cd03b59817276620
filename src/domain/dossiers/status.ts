/**
 * Dossier statuses and their codes in the ten-value list that provincial one-stop systems exchange
 * with the National Public Service Portal (legal-facts §1.7), and the three channels.
 */
export const DOSSIER_STATUSES = [
  'submitted',
  'received',
  'refused',
  'processing',
  'awaiting_supplement',
  'awaiting_payment',
  'withdrawn',
  'stopped',
  'result_ready',
  'returned',
] as const;
export type DossierStatus = (typeof DOSSIER_STATUSES)[number];

export const NATIONAL_STATUS_CODE: Record<DossierStatus, number> = {
  submitted: 1,
  received: 2,
  refused: 3,
  processing: 4,
  awaiting_supplement: 5,
  awaiting_payment: 6,
  withdrawn: 7,
  stopped: 8,
  result_ready: 9,
  returned: 10,
};

export const STATUS_LABEL_VI: Record<DossierStatus, string> = {
  submitted: 'Mới đăng ký',
  received: 'Được tiếp nhận',
  refused: 'Không được tiếp nhận',
  processing: 'Đang xử lý',
  awaiting_supplement: 'Yêu cầu bổ sung giấy tờ',
  awaiting_payment: 'Yêu cầu thực hiện nghĩa vụ tài chính',
  withdrawn: 'Công dân yêu cầu rút hồ sơ',
  stopped: 'Dừng xử lý',
  result_ready: 'Đã xử lý xong',
  returned: 'Đã trả kết quả',
};

export const CHANNELS = ['counter', 'online', 'postal'] as const;
export type Channel = (typeof CHANNELS)[number];
export const NATIONAL_CHANNEL_CODE: Record<Channel, number> = { counter: 1, online: 2, postal: 3 };
export const CHANNEL_LABEL_VI: Record<Channel, string> = {
  counter: 'Trực tiếp',
  online: 'Trực tuyến',
  postal: 'Qua bưu chính công ích',
};

/** Statuses in which nothing more happens to the dossier. */
export const FINAL_STATUSES: ReadonlySet<DossierStatus> = new Set(['refused', 'withdrawn', 'stopped', 'returned']);
/** Statuses whose clock is not running (reports group 5, 6 and 8 as "Tạm dừng xử lý"). */
export const PAUSED_STATUSES: ReadonlySet<DossierStatus> = new Set(['awaiting_supplement', 'awaiting_payment']);
/** Statuses in which the dossier is still being handled against its due date. */
export const OPEN_STATUSES: ReadonlySet<DossierStatus> = new Set(['submitted', 'received', 'processing', 'awaiting_supplement', 'awaiting_payment']);
