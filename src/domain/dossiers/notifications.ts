import { formatDateTimeVn } from '../calendar/index.ts';

/** The moments at which the citizen is told, so they need not come to ask. */
export type DossierNotice = 'received' | 'supplement_requested' | 'apology' | 'result_ready';

export interface NoticeInput {
  code: string;
  procedureName: string;
  unitName: string;
  lookupUrl: string;
  dueAt?: Date | null;
  items?: string[];
  newDueAt?: Date | null;
  reason?: string | null;
}

/** Subject and plain-text body, in Vietnamese; no identity number, no phone. */
export function noticeText(kind: DossierNotice, n: NoticeInput): { subject: string; body: string; sms: string } {
  const track = `Tra cứu: ${n.lookupUrl}`;
  switch (kind) {
    case 'received':
      return {
        subject: `Đã tiếp nhận hồ sơ ${n.code}`,
        body: `${n.unitName} đã tiếp nhận hồ sơ ${n.code} (${n.procedureName}).\nHẹn trả kết quả: ${n.dueAt ? formatDateTimeVn(n.dueAt) : '—'}.\n${track}`,
        sms: `Ho so ${n.code} da duoc tiep nhan. Hen tra: ${n.dueAt ? formatDateTimeVn(n.dueAt) : '-'}. ${track}`,
      };
    case 'supplement_requested':
      return {
        subject: `Yêu cầu bổ sung hồ sơ ${n.code}`,
        body: `Hồ sơ ${n.code} (${n.procedureName}) cần bổ sung, một lần, các giấy tờ sau:\n${(n.items ?? []).map((i, k) => `${k + 1}. ${i}`).join('\n')}\n${track}`,
        sms: `Ho so ${n.code} can bo sung ${(n.items ?? []).length} giay to (chi yeu cau 1 lan). Chi tiet: ${n.lookupUrl}`,
      };
    case 'apology':
      return {
        subject: `Xin lỗi và hẹn lại ngày trả kết quả hồ sơ ${n.code}`,
        body: `${n.unitName} xin lỗi vì hồ sơ ${n.code} (${n.procedureName}) chưa thể trả đúng hẹn.\nLý do: ${n.reason ?? ''}\nNgày hẹn mới: ${n.newDueAt ? formatDateTimeVn(n.newDueAt) : '—'}.\n${track}`,
        sms: `Xin loi: ho so ${n.code} hen lai ngay tra ${n.newDueAt ? formatDateTimeVn(n.newDueAt) : ''}. ${track}`,
      };
    case 'result_ready':
      return {
        subject: `Đã có kết quả hồ sơ ${n.code}`,
        body: `Hồ sơ ${n.code} (${n.procedureName}) đã có kết quả. Mời Ông/Bà đến nhận hoặc nhận qua dịch vụ bưu chính.\n${track}`,
        sms: `Ho so ${n.code} da co ket qua. ${track}`,
      };
  }
}
