import { z } from 'zod';

/**
 * Request and response of POST /api/v1/integrations/dossier-events. The event keys are the
 * columns of the import file (docs/import.md); their meaning is checked per event by the domain
 * parser and reported per event in the summary, so one bad event never fails the whole batch.
 * (Candidates to move into src/shared/schemas/dossiers.ts when a screen needs them.)
 */
const cell = (description: string) => z.union([z.string().max(5000), z.number()]).nullish().describe(description);

export const ZDossierImportEvent = z.object({
  ma_ho_so: cell('Mã hồ sơ ở hệ thống nguồn (bắt buộc); lưu thành external_ref = "<source>:<ma_ho_so>".'),
  ma_thu_tuc: cell('Mã thủ tục (bắt buộc ở sự kiện create/submit).'),
  ma_don_vi: cell('Mã đơn vị giải quyết (bắt buộc ở sự kiện create/submit).'),
  kenh: cell('Kênh nộp: 1/counter, 2/online, 3/postal (bắt buộc ở create/submit).'),
  ho_ten: cell('Họ tên người nộp (create/submit).'),
  so_dinh_danh: cell('Số định danh cá nhân 12 chữ số (create/submit).'),
  dien_thoai: cell('Số điện thoại (create/submit).'),
  email: cell('Email (tùy chọn).'),
  dia_chi: cell('Địa chỉ (tùy chọn).'),
  su_kien: cell('Loại sự kiện: create, submit, receive, refuse_reception, assign, request_supplement, complete_supplement, request_payment, record_payment, apologize, propose, decide, return_result, withdraw, stop, close_incomplete, record_visit.'),
  thoi_gian: cell('Thời điểm ở hệ thống nguồn, ISO-8601 có múi giờ, ví dụ 2026-03-02T08:15:00+07:00.'),
  trang_thai: cell('Mã trạng thái quốc gia 1–10 sau sự kiện (tùy chọn, được đối chiếu).'),
  ly_do: cell('Lý do (refuse_reception, apologize, decide rejected, withdraw, stop); nhiều lý do cách nhau bởi ";".'),
  ngay_hen_moi: cell('Ngày hẹn trả mới (apologize): YYYY-MM-DD hoặc ISO-8601 có múi giờ.'),
  ket_qua: cell('approved hoặc rejected (propose, decide).'),
  giay_to_bo_sung: z
    .union([z.string().max(5000), z.array(z.string().max(300)).max(50)])
    .nullish()
    .describe('Giấy tờ cần bổ sung (request_supplement): chuỗi cách nhau bởi ";" hoặc mảng.'),
  nguoi_xu_ly: cell('Số định danh hoặc email của cán bộ được giao (assign).'),
  so_tien: cell('Số tiền, đồng (request_payment, record_payment).'),
  hinh_thuc: cell('cash, transfer hoặc online (record_payment).'),
  ghi_chu: cell('Ghi chú (propose, request_supplement, record_visit).'),
});

export const ZDossierEventsRequest = z.object({
  source: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9][a-z0-9._-]{0,39}$/, 'Tên nguồn gồm chữ không dấu, số, ".", "_", "-", tối đa 40 ký tự.')
    .describe('Tên hệ thống nguồn, ví dụ "motcua-cu"; cùng với ma_ho_so xác định hồ sơ khi nhập lại.'),
  events: z.array(ZDossierImportEvent).min(1).max(1000),
});
export type TDossierEventsRequest = z.infer<typeof ZDossierEventsRequest>;

export const ZIdempotencyHeaders = z.looseObject({
  'idempotency-key': z
    .string()
    .min(1)
    .max(255)
    .regex(/^[\x21-\x7e]+$/, 'Idempotency-Key gồm ký tự ASCII in được, không khoảng trắng.')
    .describe('Khóa chống lặp do bên gọi sinh (ví dụ UUID); gửi lại cùng khóa và cùng nội dung nhận lại đúng phản hồi cũ.'),
});

export const ZDossierImportError = z.object({
  line: z.number().int().describe('Dòng trong tệp (CSV/XLSX: dòng 1 là tiêu đề) hoặc thứ tự sự kiện trong mảng events, từ 1.'),
  field: z.string().nullable(),
  code: z.string(),
  message: z.string(),
});

export const ZDossierImportSummary = z.object({
  dossiersCreated: z.number().int(),
  dossiersUpdated: z.number().int(),
  eventsAdded: z.number().int(),
  eventsSkipped: z.number().int().describe('Sự kiện đã có (cùng hồ sơ, cùng loại, cùng thời điểm): bỏ qua.'),
  errors: z.array(ZDossierImportError),
});
export type TDossierImportSummary = z.infer<typeof ZDossierImportSummary>;
