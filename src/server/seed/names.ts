import type { Prng } from './prng.ts';

// Family names with rough national frequencies (percent); Khuất and Kiều are common in Phú Thọ.
const FAMILY: readonly (readonly [string, number])[] = [
  ['Nguyễn', 31], ['Trần', 11], ['Lê', 9], ['Phạm', 7], ['Hoàng', 5], ['Vũ', 4], ['Đỗ', 3], ['Bùi', 3],
  ['Đặng', 2], ['Ngô', 1.5], ['Đinh', 1.5], ['Dương', 1], ['Hà', 1.5], ['Đào', 1], ['Phan', 1.5],
  ['Trịnh', 1], ['Lương', 0.8], ['Mai', 0.7], ['Tạ', 0.6], ['Cao', 0.6], ['Kiều', 0.6], ['Khuất', 0.5],
  ['Lò', 0.3], ['Bạch', 0.3], ['Quách', 0.4], ['Xa', 0.2], ['Lý', 0.5], ['Triệu', 0.4], ['Hồ', 0.8],
];
const MIDDLE_MALE = ['Văn', 'Đức', 'Minh', 'Quốc', 'Hữu', 'Công', 'Thành', 'Xuân', 'Mạnh', 'Trọng', 'Ngọc', 'Quang', 'Tiến', 'Anh', 'Duy'];
const MIDDLE_FEMALE = ['Thị', 'Thu', 'Thanh', 'Ngọc', 'Minh', 'Phương', 'Hồng', 'Thúy', 'Kim', 'Bích', 'Hải', 'Thị Thu', 'Thị Minh'];
const GIVEN_MALE = [
  'An', 'Bình', 'Cường', 'Dũng', 'Đức', 'Giang', 'Hải', 'Hiếu', 'Hoàng', 'Hùng', 'Huy', 'Khánh', 'Long', 'Minh',
  'Nam', 'Phong', 'Phúc', 'Quân', 'Sơn', 'Thắng', 'Thành', 'Trung', 'Tuấn', 'Việt', 'Vinh', 'Toản', 'Tùng', 'Hưng', 'Lâm', 'Kiên',
];
const GIVEN_FEMALE = [
  'Anh', 'Bích', 'Chi', 'Dung', 'Giang', 'Hà', 'Hạnh', 'Hằng', 'Hiền', 'Hoa', 'Hồng', 'Huyền', 'Hương', 'Lan', 'Linh',
  'Loan', 'Mai', 'Nga', 'Ngọc', 'Nhung', 'Phương', 'Quỳnh', 'Thảo', 'Thủy', 'Trang', 'Vân', 'Yến', 'Oanh', 'Tâm', 'Uyên',
];

export function vietnameseName(rng: Prng, gender: 'male' | 'female'): string {
  const family = rng.weighted(FAMILY);
  const middle = rng.pick(gender === 'male' ? MIDDLE_MALE : MIDDLE_FEMALE);
  const given = rng.pick(gender === 'male' ? GIVEN_MALE : GIVEN_FEMALE);
  return `${family} ${middle} ${given}`.normalize('NFC');
}

/** An ASCII e-mail local part: "Nguyễn Văn An" → "annv". */
export function emailLocalPart(fullName: string, fold: (s: string) => string): string {
  const parts = fold(fullName).split(' ');
  const given = parts.at(-1) ?? '';
  return given + parts.slice(0, -1).map((p) => p[0]).join('');
}
