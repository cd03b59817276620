/**
 * Input of the official one-stop forms (Circular 03/2025/TT-VPCP, Annex I, forms 01–04).
 * Plain data: the dossier service assembles it, the renderers only lay it out. Instants are
 * `Date` and print in Vietnamese time; money is an integer amount of VND.
 */
import type { DateOnly } from '../../../../domain/calendar/index.ts';

/** The issuing body, printed in the top-left block of every form. */
export interface SlipAgency {
  /** Governing body (cơ quan chủ quản), e.g. "UBND tỉnh Phú Thọ"; printed in capitals; omit when none. */
  parentName?: string;
  /** The issuing agency or unit, e.g. "Trung tâm Phục vụ hành chính công tỉnh"; printed in bold capitals. */
  name: string;
  /** The desk that deals with the applicant, e.g. "Bộ phận Một cửa"; defaults to the agency name. */
  deskName?: string;
  /** Place on the date line: "Phú Thọ, ngày 10 tháng 3 năm 2026". */
  placeName: string;
  /** Phone number the applicant may call with questions. */
  phone?: string;
}

export interface SlipApplicant {
  /** Person or organisation that filed the dossier. */
  fullName: string;
  /**
   * Identity number (số định danh cá nhân) or tax code. Never printed in full: only its masked
   * form ("0010******34") appears on the form.
   */
  idNumber?: string;
  address?: string;
  phone?: string;
  email?: string;
}

/** A signature block: role line (upper case), space for the signature, then the name. */
export interface SlipSigner {
  fullName: string;
  /**
   * Role line(s) above the signature, replacing the form's default ("NGƯỜI TIẾP NHẬN HỒ SƠ", …),
   * e.g. "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC". Lines are separated by "\n".
   */
  title?: string;
}

/** Fields shared by the four forms. */
export interface SlipCommon {
  agency: SlipAgency;
  /** Document number, e.g. "125/TNHS"; printed as "Số: 125/TNHS", or as a blank when omitted. */
  documentNumber?: string;
  /** Mã hồ sơ, e.g. "000.00.01.H29-260310-0420". */
  dossierCode: string;
  applicant: SlipApplicant;
  /** Name of the administrative procedure (nội dung yêu cầu giải quyết). */
  procedureName: string;
  /** When the form is issued (the date line). */
  issuedAt: Date;
  /** Public lookup address of this dossier; printed as text and as a QR code. */
  lookupUrl: string;
}

/** One document of the dossier as received at the counter. */
export interface ReceivedDocument {
  name: string;
  /** Number of originals (bản chính). */
  originals: number;
  /** Number of copies (bản sao). */
  copies: number;
  note?: string;
}

export interface SlipFee {
  /** Integer VND; 0 prints "Không thu phí, lệ phí". */
  amount: number;
  /** What the amount is, e.g. "Lệ phí đăng ký hộ kinh doanh"; defaults to "Phí, lệ phí". */
  label?: string;
}

export interface SlipPaymentQr {
  /** VietQR payload (see `buildVietQrPayload` in src/domain/payments/vietqr.ts). */
  payload: string;
  /** Caption under the code, e.g. "Quét mã để nộp lệ phí: Vietcombank – 0123456789 – TTPVHCC tỉnh Phú Thọ". */
  caption: string;
}

/** Mẫu số 01: Giấy tiếp nhận hồ sơ và hẹn trả kết quả. */
export interface ReceiptSlipData extends SlipCommon {
  documents: ReceivedDocument[];
  /** Number of sets of the dossier (số lượng hồ sơ), default 1. */
  setCount?: number;
  /** How the dossier was filed, e.g. "Trực tiếp tại Bộ phận Một cửa", "Trực tuyến", "Dịch vụ bưu chính". */
  channel: string;
  receivedAt: Date;
  /** Appointment for the result (thời gian trả kết quả). */
  dueAt: Date;
  /** Statutory processing time as published, e.g. "03 ngày làm việc". */
  processingTime?: string;
  /** Where or how the applicant chose to receive the result. */
  resultDelivery?: string;
  fee?: SlipFee;
  paymentQr?: SlipPaymentQr;
  receivingOfficer: SlipSigner;
}

/** One item to supplement or correct. */
export interface SupplementItem {
  /** The document or content concerned. */
  name: string;
  /** Why it must be supplemented or corrected. */
  reason: string;
  /** How to complete it. */
  instructions?: string;
}

/** Mẫu số 02: Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ. Every item is listed in this one request. */
export interface SupplementRequestData extends SlipCommon {
  receivedAt: Date;
  /** At least one item. */
  items: SupplementItem[];
  /** Last day to hand in the supplement before the dossier is closed (15 working days by default). */
  completeBy?: DateOnly;
  /** Person to contact for guidance while completing the dossier. */
  contact?: { name: string; phone?: string };
  /** The officer who checked the dossier and gives the guidance. */
  guidingOfficer: SlipSigner;
}

/** Mẫu số 03: Phiếu từ chối tiếp nhận giải quyết hồ sơ. */
export interface RefusalData extends SlipCommon {
  receivedAt: Date;
  /** At least one reason, each a full sentence. */
  reasons: string[];
  /** Legal basis of the refusal, e.g. "Khoản 2 Điều 9 Nghị định 01/2021/NĐ-CP". */
  legalBasis?: string;
  receivingOfficer: SlipSigner;
}

/** Mẫu số 04: the apology with a new appointment for a dossier that will be late. */
export interface ApologyData extends SlipCommon {
  receivedAt: Date;
  /** The appointment printed on the receipt slip, which will be missed. */
  previousDueAt: Date;
  /** The new appointment (set only once). */
  newDueAt: Date;
  /** Why the dossier is late. */
  reason: string;
  /** Head of the agency (or deputy) who signs; `title` e.g. "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC". */
  signer: SlipSigner;
  /** "Nơi nhận" list; defaults to the applicant and the file. */
  recipients?: string[];
  /**
   * Title override: local regulations name this form differently (e.g. "PHIẾU ĐỀ NGHỊ GIA HẠN
   * THỜI GIAN GIẢI QUYẾT"). Default "VĂN BẢN XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ".
   */
  title?: string;
}
