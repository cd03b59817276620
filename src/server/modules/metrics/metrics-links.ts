/**
 * Drill-down URLs of the web app behind each figure: the list page with the same query string its
 * list API takes (the page passes it through), so the records listed are the ones counted.
 * Date ranges are inclusive Vietnamese dates; `basis` names which date the range applies to.
 */
function url(path: string, params: Record<string, string | undefined>) {
  const qs = new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => e[1] !== undefined));
  return `${path}?${qs.toString()}`;
}

export function figureLinks(unitId: string | null, period: { from: string; to: string }, scoreMonth: string | null): Record<string, string> {
  const base = { unitId: unitId ?? undefined, from: period.from, to: period.to };
  const dossiers = (extra: Record<string, string>) => url('/mot-cua/ho-so', { ...base, ...extra });
  const tasks = (extra: Record<string, string>) => url('/nhiem-vu', { view: 'all', ...base, ...extra });
  const links: Record<string, string> = {
    dossiersReceived: dossiers({ basis: 'received' }),
    dossiersOnline: dossiers({ basis: 'received', channel: 'online' }),
    dossiersSupplement: dossiers({ basis: 'received', supplement: '1' }),
    dossiersFinished: dossiers({ basis: 'finished' }),
    dossiersOnTime: dossiers({ basis: 'finished', timeliness: 'on_time' }),
    dossiersEarly: dossiers({ basis: 'finished', timeliness: 'early' }),
    dossiersLate: dossiers({ basis: 'finished', timeliness: 'late' }),
    ratingsVerySatisfied: dossiers({ basis: 'rated', rating: 'very_satisfied' }),
    ratingsSatisfied: dossiers({ basis: 'rated', rating: 'satisfied' }),
    ratingsDissatisfied: dossiers({ basis: 'rated', rating: 'dissatisfied' }),
    tasksDue: tasks({}),
    tasksOnTime: tasks({ timeliness: 'on_time' }),
    tasksExtended: tasks({ timeliness: 'extended' }),
    tasksLate: tasks({ timeliness: 'late' }),
    tasksBounced: url('/nhiem-vu', { view: 'bounced', ...base }),
    complaintsReceived: url('/kiem-tra/phan-anh', { ...base, kind: 'harassment,delay,attitude,other' }),
    complaintsUpheld: url('/kiem-tra/phan-anh', { ...base, basis: 'answered', outcome: 'upheld' }),
    inspections: url('/kiem-tra/ke-hoach', { ...base, basis: 'concluded', status: 'concluded' }),
    violations: url('/kiem-tra/vi-pham', { ...base }),
  };
  if (scoreMonth) links.scores = url('/danh-gia/don-vi', { donvi: unitId ?? undefined, thang: scoreMonth });
  return links;
}

/** One official's own records: their handled dossiers and their tasks. */
export function myLinks(period: { from: string; to: string }): Record<string, string> {
  const base = { from: period.from, to: period.to };
  return {
    dossiersHandled: url('/mot-cua/ho-so', { handler: 'me', basis: 'finished', ...base }),
    dossiersLate: url('/mot-cua/ho-so', { handler: 'me', basis: 'finished', timeliness: 'late', ...base }),
    tasksDue: url('/nhiem-vu', { view: 'mine', ...base }),
    tasksLate: url('/nhiem-vu', { view: 'mine', timeliness: 'late', ...base }),
    scores: '/danh-gia/phieu-cua-toi',
  };
}
