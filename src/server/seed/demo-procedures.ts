import type { ProcessingUnit, RequiredDocument } from '../db/schema.ts';

/**
 * The demo procedure catalogue: real procedure names with the processing times commonly published
 * in provincial catalogues (same-day civil-status procedures with a 15:00 cut-off, 3 working days
 * for household businesses, 15 calendar days for a house building permit, 10 working days for a
 * judicial record…). Codes are internal; fees are indicative demo values.
 */
export interface DemoProcedure {
  code: string;
  name: string;
  field: string;
  amount: number;
  unit: ProcessingUnit;
  feeVnd: number;
  cutoff?: { kind: 'time'; at: string };
  online?: 'partial' | 'full';
  documents: RequiredDocument[];
  /** Relative yearly volume per unit. */
  weight: number;
}

const doc = (name: string, originals = 1, copies = 0): RequiredDocument => ({ name, originals, copies });
const SAME_DAY = { amount: 0, unit: 'working_days' as const, cutoff: { kind: 'time' as const, at: '15:00' } };

export const COMMUNE_PROCEDURES: DemoProcedure[] = [
  { code: 'HT.KS', name: 'Đăng ký khai sinh', field: 'Hộ tịch', ...SAME_DAY, feeVnd: 0, online: 'full', weight: 10, documents: [doc('Tờ khai đăng ký khai sinh'), doc('Giấy chứng sinh')] },
  { code: 'HT.KH', name: 'Đăng ký kết hôn', field: 'Hộ tịch', ...SAME_DAY, feeVnd: 0, online: 'partial', weight: 3, documents: [doc('Tờ khai đăng ký kết hôn'), doc('Giấy xác nhận tình trạng hôn nhân', 1)] },
  { code: 'HT.KT', name: 'Đăng ký khai tử', field: 'Hộ tịch', ...SAME_DAY, feeVnd: 0, online: 'full', weight: 3, documents: [doc('Tờ khai đăng ký khai tử'), doc('Giấy báo tử')] },
  { code: 'HT.TL', name: 'Cấp bản sao trích lục hộ tịch', field: 'Hộ tịch', ...SAME_DAY, feeVnd: 8000, online: 'full', weight: 6, documents: [doc('Tờ khai cấp bản sao trích lục hộ tịch')] },
  { code: 'CT.BS', name: 'Chứng thực bản sao từ bản chính giấy tờ, văn bản', field: 'Chứng thực', ...SAME_DAY, feeVnd: 2000, weight: 14, documents: [doc('Bản chính giấy tờ, văn bản'), doc('Bản sao cần chứng thực', 0, 1)] },
  { code: 'KD.HKD', name: 'Đăng ký thành lập hộ kinh doanh', field: 'Thành lập và hoạt động của hộ kinh doanh', amount: 3, unit: 'working_days', feeVnd: 100000, online: 'full', weight: 3, documents: [doc('Giấy đề nghị đăng ký hộ kinh doanh'), doc('Bản sao giấy tờ pháp lý của chủ hộ', 0, 1)] },
  { code: 'XD.NORL', name: 'Cấp giấy phép xây dựng nhà ở riêng lẻ', field: 'Hoạt động xây dựng', amount: 15, unit: 'calendar_days', feeVnd: 75000, online: 'partial', weight: 2, documents: [doc('Đơn đề nghị cấp giấy phép xây dựng'), doc('Giấy tờ chứng minh quyền sử dụng đất', 0, 1), doc('Bản vẽ thiết kế xây dựng', 2)] },
  { code: 'DD.GCN', name: 'Đăng ký đất đai, tài sản gắn liền với đất, cấp Giấy chứng nhận lần đầu', field: 'Đất đai', amount: 20, unit: 'working_days', feeVnd: 100000, online: 'partial', weight: 2, documents: [doc('Đơn đăng ký đất đai, tài sản gắn liền với đất'), doc('Giấy tờ về quyền sử dụng đất', 0, 1), doc('Sơ đồ thửa đất')] },
];

export const DEPARTMENT_PROCEDURES: Record<string, DemoProcedure[]> = {
  STP: [
    { code: 'TP.LLTP', name: 'Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam', field: 'Lý lịch tư pháp', amount: 10, unit: 'working_days', feeVnd: 200000, online: 'full', weight: 12, documents: [doc('Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp'), doc('Bản chụp giấy tờ tùy thân', 0, 1)] },
    { code: 'TP.TCHN', name: 'Đăng ký hoạt động tổ chức hành nghề luật sư', field: 'Luật sư', amount: 10, unit: 'working_days', feeVnd: 100000, weight: 1, documents: [doc('Giấy đề nghị đăng ký hoạt động'), doc('Điều lệ (đối với công ty luật)', 1)] },
    { code: 'TP.DGV', name: 'Cấp Thẻ đấu giá viên', field: 'Đấu giá tài sản', amount: 5, unit: 'working_days', feeVnd: 0, weight: 1, documents: [doc('Đơn đề nghị cấp Thẻ đấu giá viên'), doc('Ảnh 2x3', 2)] },
  ],
  STC: [
    { code: 'DN.DNTN', name: 'Đăng ký thành lập doanh nghiệp tư nhân', field: 'Thành lập và hoạt động của doanh nghiệp', amount: 3, unit: 'working_days', feeVnd: 50000, online: 'full', weight: 8, documents: [doc('Giấy đề nghị đăng ký doanh nghiệp'), doc('Bản sao giấy tờ pháp lý của chủ doanh nghiệp', 0, 1)] },
    { code: 'DN.TDND', name: 'Đăng ký thay đổi nội dung đăng ký doanh nghiệp', field: 'Thành lập và hoạt động của doanh nghiệp', amount: 3, unit: 'working_days', feeVnd: 50000, online: 'full', weight: 10, documents: [doc('Thông báo thay đổi nội dung đăng ký doanh nghiệp')] },
  ],
  SVHTTDL: [
    { code: 'VH.KARA', name: 'Cấp Giấy phép đủ điều kiện kinh doanh dịch vụ karaoke', field: 'Văn hóa', amount: 5, unit: 'working_days', feeVnd: 4000000, online: 'partial', weight: 2, documents: [doc('Đơn đề nghị cấp giấy phép'), doc('Bản sao giấy chứng nhận đăng ký doanh nghiệp', 0, 1)] },
  ],
  SXD: [
    { code: 'XD.GPCT', name: 'Cấp giấy phép xây dựng công trình', field: 'Hoạt động xây dựng', amount: 20, unit: 'calendar_days', feeVnd: 150000, online: 'partial', weight: 3, documents: [doc('Đơn đề nghị cấp giấy phép xây dựng'), doc('Hồ sơ thiết kế xây dựng', 2)] },
  ],
  SCT: [
    { code: 'CT.RUOU', name: 'Cấp Giấy phép bán lẻ sản phẩm rượu', field: 'Lưu thông hàng hóa trong nước', amount: 10, unit: 'working_days', feeVnd: 1200000, online: 'full', weight: 3, documents: [doc('Đơn đề nghị cấp Giấy phép bán lẻ sản phẩm rượu')] },
  ],
  SYT: [
    { code: 'YT.CCHND', name: 'Cấp Chứng chỉ hành nghề dược', field: 'Dược phẩm', amount: 20, unit: 'working_days', feeVnd: 500000, online: 'partial', weight: 4, documents: [doc('Đơn đề nghị cấp Chứng chỉ hành nghề dược'), doc('Bản sao văn bằng chuyên môn', 0, 1)] },
  ],
  SNNMT: [
    { code: 'MT.GPMT', name: 'Cấp giấy phép môi trường (cấp tỉnh)', field: 'Môi trường', amount: 20, unit: 'working_days', feeVnd: 0, online: 'partial', weight: 2, documents: [doc('Văn bản đề nghị cấp giấy phép môi trường'), doc('Báo cáo đề xuất cấp giấy phép môi trường')] },
  ],
  SGDDT: [
    { code: 'GD.VBNN', name: 'Công nhận văn bằng tốt nghiệp các cấp học phổ thông do cơ sở nước ngoài cấp', field: 'Văn bằng, chứng chỉ', amount: 20, unit: 'working_days', feeVnd: 0, weight: 1, documents: [doc('Đơn đề nghị công nhận văn bằng'), doc('Bản sao văn bằng và bản dịch', 0, 1)] },
  ],
};
