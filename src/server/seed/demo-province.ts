/**
 * The demo province: Phú Thọ after the 1 July 2025 merger (Phú Thọ + Vĩnh Phúc + Hòa Bình),
 * two-level local government: provincial departments and communes/wards under the province.
 * Department names follow the 2025 reorganisation of provincial bodies; the commune list is a
 * demonstration sample of names in the merged province, not the official resolution list.
 */
export interface DemoUnit {
  code: string;
  name: string;
  shortName?: string;
  kind: 'province' | 'department' | 'commune' | 'division' | 'center' | 'other';
  adminCode?: string;
  children?: DemoUnit[];
  /** Titles of the head and deputies of this unit. */
  headTitle?: string;
  deputyTitle?: string;
}

export const PROVINCE = {
  code: 'PT',
  name: 'Ủy ban nhân dân tỉnh Phú Thọ',
  shortName: 'UBND tỉnh Phú Thọ',
  adminCode: '25',
};

const DEPARTMENTS: [string, string, string[]][] = [
  ['VPUB', 'Văn phòng Ủy ban nhân dân tỉnh', ['Phòng Hành chính - Tổ chức', 'Phòng Kinh tế - Ngành', 'Phòng Kiểm soát thủ tục hành chính', 'Phòng Tổng hợp']],
  ['SNV', 'Sở Nội vụ', ['Văn phòng Sở', 'Phòng Tổ chức, biên chế và Tổ chức phi chính phủ', 'Phòng Công chức, viên chức', 'Phòng Cải cách hành chính', 'Phòng Lao động - Việc làm']],
  ['STC', 'Sở Tài chính', ['Văn phòng Sở', 'Phòng Quản lý ngân sách', 'Phòng Đăng ký kinh doanh', 'Phòng Quản lý giá và Công sản']],
  ['STP', 'Sở Tư pháp', ['Văn phòng Sở', 'Phòng Hành chính tư pháp', 'Phòng Bổ trợ tư pháp', 'Phòng Xây dựng, kiểm tra văn bản và Phổ biến pháp luật']],
  ['SXD', 'Sở Xây dựng', ['Văn phòng Sở', 'Phòng Quản lý xây dựng', 'Phòng Quy hoạch - Kiến trúc', 'Phòng Quản lý vận tải, phương tiện và người lái']],
  ['SCT', 'Sở Công Thương', ['Văn phòng Sở', 'Phòng Quản lý thương mại', 'Phòng Quản lý công nghiệp', 'Phòng Quản lý năng lượng']],
  ['SNNMT', 'Sở Nông nghiệp và Môi trường', ['Văn phòng Sở', 'Phòng Quản lý đất đai', 'Phòng Môi trường', 'Phòng Trồng trọt và Chăn nuôi', 'Phòng Thủy lợi']],
  ['SKHCN', 'Sở Khoa học và Công nghệ', ['Văn phòng Sở', 'Phòng Chuyển đổi số', 'Phòng Quản lý khoa học', 'Phòng Bưu chính, Viễn thông']],
  ['SGDDT', 'Sở Giáo dục và Đào tạo', ['Văn phòng Sở', 'Phòng Giáo dục Mầm non - Tiểu học', 'Phòng Giáo dục Trung học', 'Phòng Khảo thí và Quản lý chất lượng']],
  ['SYT', 'Sở Y tế', ['Văn phòng Sở', 'Phòng Nghiệp vụ Y', 'Phòng Nghiệp vụ Dược', 'Phòng Bảo trợ xã hội']],
  ['SVHTTDL', 'Sở Văn hóa, Thể thao và Du lịch', ['Văn phòng Sở', 'Phòng Quản lý văn hóa và Gia đình', 'Phòng Quản lý thể dục thể thao', 'Phòng Quản lý du lịch']],
  ['SDTTG', 'Sở Dân tộc và Tôn giáo', ['Văn phòng Sở', 'Phòng Chính sách dân tộc', 'Phòng Tôn giáo']],
  ['TTT', 'Thanh tra tỉnh', ['Văn phòng', 'Phòng Thanh tra 1', 'Phòng Thanh tra 2', 'Phòng Tiếp công dân, xử lý đơn thư', 'Phòng Phòng, chống tham nhũng']],
];

const WARDS = [
  'Việt Trì', 'Nông Trang', 'Thanh Miếu', 'Vân Phú', 'Phong Châu', 'Phú Thọ', 'Âu Cơ', 'Vĩnh Phúc', 'Vĩnh Yên',
  'Phúc Yên', 'Xuân Hòa', 'Hòa Bình', 'Kỳ Sơn', 'Tân Hòa', 'Thống Nhất',
];
const COMMUNES = [
  'Tam Đảo', 'Tam Dương', 'Lập Thạch', 'Sông Lô', 'Yên Lạc', 'Vĩnh Tường', 'Bình Xuyên', 'Lâm Thao', 'Phù Ninh',
  'Thanh Ba', 'Hạ Hòa', 'Đoan Hùng', 'Cẩm Khê', 'Tam Nông', 'Thanh Thủy', 'Thanh Sơn', 'Tân Sơn', 'Yên Lập',
  'Mai Châu', 'Lạc Sơn', 'Lạc Thủy', 'Kim Bôi', 'Cao Phong', 'Tân Lạc', 'Đà Bắc', 'Lương Sơn', 'Yên Thủy',
  'Hy Cương', 'Chân Mộng', 'Hiền Lương', 'Xuân Lãng', 'Đại Đồng', 'Tứ Trưng', 'Liên Châu', 'Tề Lỗ', 'Đạo Trù',
  'Hợp Lý', 'Sơn Đông', 'Bàn Giản', 'Tiên Lữ', 'Văn Lang', 'Phượng Vĩ', 'Hiền Quan', 'Thọ Văn', 'Xuân Viên',
];

const CENTER = 'Trung tâm Phục vụ hành chính công';

function ascii(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'D')
    .replace(/[^A-Za-z]/g, '')
    .toUpperCase();
}

function localUnit(prefix: 'P' | 'X', name: string, index: number): DemoUnit {
  const code = `${prefix}.${ascii(name)}`;
  const isWard = prefix === 'P';
  return {
    code,
    name: `${isWard ? 'Phường' : 'Xã'} ${name}`,
    shortName: `UBND ${isWard ? 'phường' : 'xã'} ${name}`,
    kind: 'commune',
    adminCode: String(7000 + index * 3).padStart(5, '0'),
    headTitle: `Chủ tịch UBND ${isWard ? 'phường' : 'xã'}`,
    deputyTitle: `Phó Chủ tịch UBND ${isWard ? 'phường' : 'xã'}`,
    children: [
      { code: `${code}.VP`, name: 'Văn phòng HĐND và UBND', kind: 'division' },
      { code: `${code}.KT`, name: isWard ? 'Phòng Kinh tế, Hạ tầng và Đô thị' : 'Phòng Kinh tế', kind: 'division' },
      { code: `${code}.VHXH`, name: 'Phòng Văn hóa - Xã hội', kind: 'division' },
      { code: `${code}.TTPV`, name: CENTER, kind: 'center' },
    ],
  };
}

/**
 * Further commune names for the province-scale data (`congvu seed --scale province`): two common
 * place-name syllables, skipping the names the demo already has. Benchmark data, not a real list.
 */
const FIRST_SYLLABLES = ['Tân', 'Đông', 'Tây', 'Nam', 'Bắc', 'Hưng', 'Phú', 'Yên', 'Xuân', 'Thanh', 'Hòa', 'An', 'Bình', 'Minh', 'Quang', 'Vĩnh', 'Phúc', 'Hợp', 'Đại', 'Trung', 'Kim', 'Ngọc'];
const SECOND_SYLLABLES = ['Lập', 'Sơn', 'Hòa', 'Phong', 'Thịnh', 'Tiến', 'Lộc', 'Thành', 'Hưng', 'Phú', 'Lạc', 'Khê', 'Cương', 'Lâm', 'Hà', 'Châu', 'Đức', 'Mỹ', 'Trạch', 'Vinh', 'Xá', 'Động'];

function extraCommuneNames(count: number): string[] {
  const taken = new Set([...WARDS, ...COMMUNES].map(ascii));
  const names: string[] = [];
  if (count === 0) return names;
  for (const second of SECOND_SYLLABLES) {
    for (const first of FIRST_SYLLABLES) {
      const name = `${first} ${second}`;
      if (first === second || taken.has(ascii(name))) continue;
      taken.add(ascii(name));
      names.push(name);
      if (names.length === count) return names;
    }
  }
  throw new Error(`Không đủ tên xã cho ${count} xã thêm.`);
}

/** The demo tree; `extraCommunes` adds communes (5 units each) for the province-scale data. */
export function demoUnitTree(extraCommunes = 0): DemoUnit {
  const departments: DemoUnit[] = DEPARTMENTS.map(([code, name, divisions]) => ({
    code,
    name,
    kind: 'department',
    headTitle: code === 'TTT' ? 'Chánh Thanh tra tỉnh' : code === 'VPUB' ? 'Chánh Văn phòng' : 'Giám đốc Sở',
    deputyTitle: code === 'TTT' ? 'Phó Chánh Thanh tra tỉnh' : code === 'VPUB' ? 'Phó Chánh Văn phòng' : 'Phó Giám đốc Sở',
    children: divisions.map((d, i) => ({ code: `${code}.${i + 1}`, name: d, kind: 'division' as const })),
  }));
  departments.push({
    code: 'TTPVHCC',
    name: `${CENTER} tỉnh`,
    kind: 'center',
    headTitle: 'Giám đốc Trung tâm',
    deputyTitle: 'Phó Giám đốc Trung tâm',
    children: [
      { code: 'TTPVHCC.1', name: 'Phòng Hành chính - Tổng hợp', kind: 'division' },
      { code: 'TTPVHCC.2', name: 'Phòng Tiếp nhận và Trả kết quả', kind: 'division' },
    ],
  });
  const communes = [...COMMUNES, ...extraCommuneNames(extraCommunes)];
  const locals = [...WARDS.map((n, i) => localUnit('P', n, i)), ...communes.map((n, i) => localUnit('X', n, WARDS.length + i))];
  return {
    ...PROVINCE,
    kind: 'province',
    headTitle: 'Chủ tịch UBND tỉnh',
    deputyTitle: 'Phó Chủ tịch UBND tỉnh',
    children: [...departments, ...locals],
  };
}

/** The demo accounts of the foundation issue; all share the password `congvu-demo`. */
export const DEMO_PASSWORD = 'congvu-demo';
export const DEMO_ACCOUNTS = [
  { username: 'admin', displayName: 'Quản trị hệ thống', roles: ['admin'], unitCode: 'PT', official: null },
  { username: 'lanhdao', displayName: null, roles: ['leader'], unitCode: 'PT', official: 'head' },
  { username: 'truongphong', displayName: null, roles: ['unit_head'], unitCode: 'STP', official: 'head' },
  { username: 'motcua', displayName: null, roles: ['counter_officer'], unitCode: 'STP', official: 'staff:STP.2' },
  { username: 'chuyenvien', displayName: null, roles: ['officer'], unitCode: 'STP', official: 'staff:STP.3' },
  { username: 'thanhtra', displayName: null, roles: ['inspector'], unitCode: 'TTT', official: 'staff:TTT.2' },
  { username: 'xa.truongphong', displayName: null, roles: ['unit_head'], unitCode: 'P.VINHYEN', official: 'head' },
] as const;

export const DEMO_ACCOUNT_LABELS: Record<string, string> = {
  admin: 'quản trị viên',
  lanhdao: 'lãnh đạo tỉnh',
  truongphong: 'Giám đốc Sở Tư pháp (trưởng đơn vị)',
  motcua: 'cán bộ một cửa, Sở Tư pháp',
  chuyenvien: 'chuyên viên, Sở Tư pháp',
  thanhtra: 'thanh tra viên, Thanh tra tỉnh',
  'xa.truongphong': 'Chủ tịch UBND phường Vĩnh Yên (ngoài Sở Tư pháp)',
};
