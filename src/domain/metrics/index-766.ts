/**
 * The part of the Decision 766 service-quality index that a unit's own dossier data decides
 * (legal-facts §2), each component null when there is nothing to measure (null ≠ 0):
 * - progress (20): on time (incl. early) / finished;
 * - online service (12, partial here): online dossiers share, full marks at 50%: min(6, 6 × C / 0.5);
 * - digitisation (22, partial here): digitised dossiers, full marks at 80%: min(4, 4 × rate / 0.8);
 * - satisfaction (18, partial here): rate = 100% − (late share + dissatisfied share), 6 points at ≥ 90%.
 * The other indicators (publication, payment, population database…) come from systems congvu
 * does not hold; they are reported as null, and the total is over the components measured.
 */
export interface IndexInput {
  received: number;
  online: number;
  digitized: number;
  finished: number;
  onTime: number;
  late: number;
  rated: number;
  dissatisfied: number;
}

export interface IndexComponent {
  key: 'progress' | 'online' | 'digitization' | 'satisfaction';
  max: number;
  points: number | null;
  rate: number | null;
}

const r1 = (x: number) => Math.round(x * 10) / 10;

export function index766(i: IndexInput): { components: IndexComponent[]; points: number | null; max: number } {
  const progressRate = i.finished > 0 ? i.onTime / i.finished : null;
  const onlineRate = i.received > 0 ? i.online / i.received : null;
  const digitizedRate = i.received > 0 ? i.digitized / i.received : null;
  const satisfactionRate = i.finished > 0 ? Math.max(0, 1 - i.late / i.finished - (i.rated > 0 ? i.dissatisfied / i.rated : 0)) : null;
  const components: IndexComponent[] = [
    { key: 'progress', max: 20, rate: progressRate, points: progressRate === null ? null : r1(20 * progressRate) },
    { key: 'online', max: 6, rate: onlineRate, points: onlineRate === null ? null : r1(Math.min(6, (6 * onlineRate) / 0.5)) },
    { key: 'digitization', max: 4, rate: digitizedRate, points: digitizedRate === null ? null : r1(Math.min(4, (4 * digitizedRate) / 0.8)) },
    { key: 'satisfaction', max: 6, rate: satisfactionRate, points: satisfactionRate === null ? null : r1(satisfactionRate >= 0.9 ? 6 : (6 * satisfactionRate) / 0.9) },
  ];
  const measured = components.filter((c) => c.points !== null);
  return { components, points: measured.length ? r1(measured.reduce((s, c) => s + c.points!, 0)) : null, max: measured.reduce((s, c) => s + c.max, 0) };
}
