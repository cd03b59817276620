import type { DossierActionType } from './transitions.ts';

/** What each event is called on the timeline a citizen or an inspector reads. */
export const EVENT_LABEL_VI: Record<DossierActionType | 'create' | 'import' | 'file_attached' | 'notified', string> = {
  create: 'Tiếp nhận hồ sơ',
  import: 'Nhập từ hệ thống một cửa',
  receive: 'Tiếp nhận hồ sơ trực tuyến',
  refuse_reception: 'Từ chối tiếp nhận',
  assign: 'Chuyển xử lý',
  request_supplement: 'Yêu cầu bổ sung, hoàn thiện hồ sơ',
  complete_supplement: 'Nhận đủ hồ sơ bổ sung',
  request_payment: 'Yêu cầu thực hiện nghĩa vụ tài chính',
  record_payment: 'Ghi nhận thanh toán',
  apologize: 'Xin lỗi và hẹn lại ngày trả kết quả',
  propose: 'Trình kết quả giải quyết',
  decide: 'Phê duyệt kết quả',
  return_result: 'Trả kết quả',
  withdraw: 'Công dân rút hồ sơ',
  stop: 'Dừng xử lý',
  close_incomplete: 'Đóng hồ sơ do không bổ sung đúng hạn',
  record_visit: 'Công dân đến làm việc',
  file_attached: 'Đính kèm tài liệu',
  notified: 'Đã thông báo cho công dân',
};

/** Events whose data is internal (names of officials, notes): public pages show only the label. */
export function eventLabel(type: string): string {
  return (EVENT_LABEL_VI as Record<string, string>)[type] ?? type;
}
