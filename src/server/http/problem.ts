export interface FieldError {
  field: string;
  message: string;
}

/** An expected refusal: becomes an RFC 9457 problem+json response with a Vietnamese detail. */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: string,
    readonly errors?: FieldError[],
  ) {
    super(detail);
  }
}

const TITLES: Record<number, string> = {
  400: 'Yêu cầu không hợp lệ',
  401: 'Chưa đăng nhập',
  403: 'Không được phép',
  404: 'Không tìm thấy',
  405: 'Phương thức không được hỗ trợ',
  409: 'Xung đột dữ liệu',
  413: 'Dữ liệu quá lớn',
  415: 'Định dạng không được hỗ trợ',
  422: 'Dữ liệu chưa đạt yêu cầu',
  423: 'Tài khoản đang bị khóa',
  429: 'Quá nhiều yêu cầu',
  500: 'Lỗi hệ thống',
  503: 'Dịch vụ tạm ngừng',
};

export function problemBody(status: number, code: string, detail: string, errors?: FieldError[]) {
  return {
    type: `https://congvu.vn/problems/${code.toLowerCase().replace(/_/g, '-')}`,
    title: TITLES[status] ?? 'Lỗi',
    status,
    detail,
    code,
    ...(errors && errors.length ? { errors } : {}),
  };
}

export const notFound = (what = 'Không tìm thấy dữ liệu yêu cầu.') => new AppError(404, 'NOT_FOUND', what);
export const forbidden = (what = 'Bạn không có quyền thực hiện thao tác này.') =>
  new AppError(403, 'FORBIDDEN', what);
export const invalid = (errors: FieldError[], detail = 'Dữ liệu gửi lên chưa hợp lệ.') =>
  new AppError(422, 'VALIDATION_FAILED', detail, errors);
export const conflict = (code: string, detail: string, errors?: FieldError[]) =>
  new AppError(409, code, detail, errors);
