export type Level = 'very_satisfied' | 'satisfied' | 'dissatisfied';

const COLORS: Record<Level, string> = { very_satisfied: '#2e7d32', satisfied: '#1d5fa8', dissatisfied: '#c62828' };
const MOUTHS: Record<Level, string> = {
  very_satisfied: 'M14 27 Q24 38 34 27 Z',
  satisfied: 'M15 29 Q24 35 33 29',
  dissatisfied: 'M15 33 Q24 25 33 33',
};

/** A drawn face (no emoji font needed on old phones). */
export function Face({ level, size = 48 }: { level: Level; size?: number }) {
  const c = COLORS[level];
  return (
    <svg width={size} height={size} viewBox="0 0 48 48" aria-hidden="true" focusable="false" className="cv-face-svg">
      <circle cx="24" cy="24" r="21" fill="#fff" stroke={c} strokeWidth="3" />
      <circle cx="17" cy="19" r="2.6" fill={c} />
      <circle cx="31" cy="19" r="2.6" fill={c} />
      <path d={MOUTHS[level]} fill={level === 'very_satisfied' ? c : 'none'} stroke={c} strokeWidth="3" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}
