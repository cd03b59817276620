/** The soak's verdict and its table (Vietnamese labels), shared by `npm run soak` and the CI form. */
import type { MemoryTrend } from './soak-memory.ts';
import type { SoakResult } from './soak-run.ts';

const fmt = (n: number, d = 1) => n.toLocaleString('vi-VN', { maximumFractionDigits: d, minimumFractionDigits: 0 });
const signed = (n: number, d = 1) => `${n >= 0 ? '+' : '−'}${fmt(Math.abs(n), d)}`;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** Every reason the soak failed; empty when it passed. */
export function soakFailures(r: SoakResult): string[] {
  const failures: string[] = [];
  const errors = r.traffic.client.errors;
  if (errors.length) failures.push(`${errors.length} lỗi trong lưu lượng (xem danh sách)`);
  if (r.serverExited) failures.push('máy chủ đã dừng giữa chừng');
  if (r.serverErrors.length) failures.push(`${r.serverErrors.length} dòng lỗi trong nhật ký máy chủ`);
  if (!r.rss) failures.push('không đủ mẫu bộ nhớ thường trú');
  else if (!r.rss.ok) failures.push(`bộ nhớ thường trú tăng ${fmt(r.rss.growthMb)} MB (cho phép ${fmt(r.rss.limitMb)} MB)`);
  if (!r.heap) failures.push('không đủ mẫu heap sau GC');
  else if (!r.heap.ok) failures.push(`heap sau GC tăng ${fmt(r.heap.growthMb)} MB (cho phép ${fmt(r.heap.limitMb)} MB)`);
  for (const v of r.verifications) if (!v.ok) failures.push(`${v.name} thất bại`);
  if (r.notifications.failed) failures.push(`${r.notifications.failed} thông báo gửi lỗi`);
  if (!r.notifications.sent) failures.push('không thông báo nào được gửi');
  return failures;
}

function memoryRow(label: string, m: MemoryTrend | null, share: number, mb: number): string {
  const target = `≤ +${fmt(share * 100, 0)}% và ≤ +${mb} MB`;
  if (!m) return `| ${label} | không đủ mẫu | ${target} | CHƯA |`;
  const pct = (m.growthMb / m.midMb) * 100;
  return `| ${label} | ${fmt(m.midMb)} → ${fmt(m.lastMb)} MB (${signed(m.growthMb)} MB, ${signed(pct)}%), độ dốc ${signed(m.slopeMbPerMin, 2)} MB/phút, đỉnh ${fmt(m.peakMb)} MB, ${m.samples} mẫu | ${target} | ${m.ok ? 'đạt' : 'CHƯA'} |`;
}

export function soakTable(r: SoakResult): string {
  const { client, tally, seconds } = r.traffic;
  const errorsOf = (kind: string) => client.errors.filter((e) => e.kind === kind).length;
  const lines: string[] = [];
  lines.push(`\nKiểm thử tải dài — ${r.backend === 'postgres' ? 'PostgreSQL' : 'PGlite'}, ${fmt(seconds, 0)} s, ${Object.values(r.settings.users).reduce((a, b) => a + b, 0)} người dùng ảo`);
  const warmup = seconds / 3;
  lines.push(`\n| Loại yêu cầu | Số yêu cầu | Lỗi | p50 (ms) | p99 (ms) | p99 sau ${fmt(warmup, 0)} s khởi động (ms) |\n|---|---:|---:|---:|---:|---:|`);
  let total = 0;
  for (const [kind, timings] of [...client.latencies].sort((a, b) => b[1].length - a[1].length)) {
    const sorted = timings.map((x) => x.ms).sort((a, b) => a - b);
    const settled = timings.filter((x) => x.at >= warmup).map((x) => x.ms).sort((a, b) => a - b);
    total += timings.length;
    lines.push(`| ${kind} | ${fmt(timings.length, 0)} | ${errorsOf(kind)} | ${fmt(percentile(sorted, 50))} | ${fmt(percentile(sorted, 99))} | ${settled.length ? fmt(percentile(settled, 99)) : '—'} |`);
  }
  lines.push(`| **tổng** | **${fmt(total, 0)}** | **${client.errors.length}** | | | |`);

  const failures = soakFailures(r);
  lines.push('\n| Chỉ số | Kết quả | Mục tiêu | Đạt |\n|---|---|---|---|');
  lines.push(`| Thông lượng | ${fmt(total / seconds)} yêu cầu/giây trung bình | — | — |`);
  lines.push(`| Lỗi (ngoài các mã 4xx dự kiến của kịch bản) | ${client.errors.length} | 0 | ${client.errors.length ? 'CHƯA' : 'đạt'} |`);
  lines.push(`| Nhật ký máy chủ: dòng lỗi; tiến trình | ${r.serverErrors.length}; ${r.serverExited ? 'đã dừng giữa chừng' : 'chạy suốt'} | 0; chạy suốt | ${r.serverErrors.length || r.serverExited ? 'CHƯA' : 'đạt'} |`);
  lines.push(`| Hoạt động | ${tally.received} hồ sơ tiếp nhận, ${tally.supplements} lần yêu cầu bổ sung, ${tally.returned} trả kết quả, ${tally.rated} đánh giá; ${tally.importRounds} lô nhập (mỗi lô gửi lại cùng khóa và nhập lại lô trước); ${tally.scrapes} lần tra cứu dồn dập bị chặn | — | — |`);
  const t = r.settings;
  lines.push(memoryRow(`Bộ nhớ thường trú (RSS) — trung bình 1/3 giữa → 1/3 cuối (bỏ ${fmt(seconds / 3, 0)} s khởi động; lúc đầu ${fmt(r.firstRssMb ?? 0, 0)} MB)`, r.rss, t.rssTolerance.share, t.rssTolerance.mb));
  lines.push(memoryRow('Heap đang dùng sau GC toàn phần — 1/3 giữa → 1/3 cuối', r.heap, t.heapTolerance.share, t.heapTolerance.mb));
  const n = r.notifications;
  lines.push(`| Thông báo (tác vụ định kỳ bật: ${r.jobs.length} tác vụ, chu kỳ ${t.jobsEveryMs / 1000} s) | ${n.sent} đã gửi (${n.webhookCalls} qua cổng SMS/Zalo), ${n.pending} đang chờ, ${n.failed} lỗi | 0 lỗi | ${n.failed || !n.sent ? 'CHƯA' : 'đạt'} |`);
  for (const v of r.verifications) lines.push(`| \`${v.name}\` trên CSDL sau khi chạy | ${v.detail.replace(/\|/g, '/')} | thoát 0 | ${v.ok ? 'đạt' : 'CHƯA'} |`);
  lines.push(`\n${failures.length ? `KHÔNG ĐẠT: ${failures.join('; ')}` : 'ĐẠT: không lỗi, bộ nhớ không tăng, nhật ký kiểm toán và số liệu tổng hợp khớp.'}`);

  if (client.errors.length) {
    lines.push('\nCác lỗi (tối đa 30 dòng, gộp theo yêu cầu, trạng thái và nội dung):');
    const groups = new Map<string, { n: number; first: number }>();
    for (const e of client.errors) {
      const key = `${e.kind} | ${e.request} | ${e.status || '—'} | ${e.detail}`;
      const g = groups.get(key);
      if (g) g.n++;
      else groups.set(key, { n: 1, first: e.at });
    }
    for (const [key, g] of [...groups].slice(0, 30)) lines.push(`  ${g.n}× (lần đầu ở giây ${g.first}) ${key}`);
  }
  if (r.serverErrors.length) lines.push(`\nLỗi trong nhật ký máy chủ:\n${r.serverErrors.slice(0, 20).map((l) => `  ${l}`).join('\n')}`);
  if (r.serverOther.length) lines.push(`\nDòng khác trong nhật ký máy chủ (${r.serverOther.length}, không tính là lỗi):\n${r.serverOther.slice(0, 10).map((l) => `  ${l}`).join('\n')}`);
  return lines.join('\n');
}
