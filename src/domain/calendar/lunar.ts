/**
 * Vietnamese lunisolar calendar: a port of Hồ Ngọc Đức's astronomical algorithm
 * ("Âm lịch Việt Nam", amlich.js), computed for the meridian of UTC+7.
 *
 * Why a port and not a package: the Vietnamese calendar is computed for UTC+7, the Chinese one
 * for UTC+8, so new moons close to midnight land on different days (Tết 1968, 1985, 2007 …
 * differ). Every function here is pure and uses Julian day numbers, never the local time zone.
 */
import { type DateOnly, dateOnlyParts, makeDateOnly } from './date-only.ts';

/** Vietnam's time zone offset in hours, used for all lunar computations. */
export const VN_TIME_ZONE_HOURS = 7;

export interface LunarDate {
  /** 1–30 */
  day: number;
  /** 1–12 (12 = tháng Chạp) */
  month: number;
  /** lunar year number (the Gregorian year in which it mostly falls) */
  year: number;
  /** true for the intercalary month (tháng nhuận) */
  leap: boolean;
}

const INT = Math.floor;
const PI = Math.PI;
/** Mean synodic month, days. */
const SYNODIC_MONTH = 29.530588853;
/** Julian day of the new moon of 1900-01-01 (k = 0 in the series). */
const NEW_MOON_EPOCH = 2415021.076998695;

/** Julian day number of a Gregorian date (Julian calendar before 15/10/1582). */
export function jdFromDate(dd: number, mm: number, yy: number): number {
  const a = INT((14 - mm) / 12);
  const y = yy + 4800 - a;
  const m = mm + 12 * a - 3;
  let jd = dd + INT((153 * m + 2) / 5) + 365 * y + INT(y / 4) - INT(y / 100) + INT(y / 400) - 32045;
  if (jd < 2299161) {
    jd = dd + INT((153 * m + 2) / 5) + 365 * y + INT(y / 4) - 32083;
  }
  return jd;
}

/** Inverse of jdFromDate. */
export function jdToDate(jd: number): { y: number; m: number; d: number } {
  let b: number;
  let c: number;
  if (jd > 2299160) {
    const a = jd + 32044;
    b = INT((4 * a + 3) / 146097);
    c = a - INT((b * 146097) / 4);
  } else {
    b = 0;
    c = jd + 32082;
  }
  const d = INT((4 * c + 3) / 1461);
  const e = c - INT((1461 * d) / 4);
  const m = INT((5 * e + 2) / 153);
  const day = e - INT((153 * m + 2) / 5) + 1;
  const month = m + 3 - 12 * INT(m / 10);
  const year = b * 100 + d - 4800 + INT(m / 10);
  return { y: year, m: month, d: day };
}

/** Julian date (fractional, UT) of the k-th new moon after 1900-01-01 (Meeus-style series). */
function newMoon(k: number): number {
  const T = k / 1236.85; // Julian centuries from 1900-01-00.5
  const T2 = T * T;
  const T3 = T2 * T;
  const dr = PI / 180;
  let jd1 = 2415020.75933 + 29.53058868 * k + 0.0001178 * T2 - 0.000000155 * T3;
  jd1 = jd1 + 0.00033 * Math.sin((166.56 + 132.87 * T - 0.009173 * T2) * dr); // mean new moon
  const M = 359.2242 + 29.10535608 * k - 0.0000333 * T2 - 0.00000347 * T3; // sun's mean anomaly
  const Mpr = 306.0253 + 385.81691806 * k + 0.0107306 * T2 + 0.00001236 * T3; // moon's mean anomaly
  const F = 21.2964 + 390.67050646 * k - 0.0016528 * T2 - 0.00000239 * T3; // moon's argument of latitude
  let C1 = (0.1734 - 0.000393 * T) * Math.sin(M * dr) + 0.0021 * Math.sin(2 * dr * M);
  C1 = C1 - 0.4068 * Math.sin(Mpr * dr) + 0.0161 * Math.sin(dr * 2 * Mpr);
  C1 = C1 - 0.0004 * Math.sin(dr * 3 * Mpr);
  C1 = C1 + 0.0104 * Math.sin(dr * 2 * F) - 0.0051 * Math.sin(dr * (M + Mpr));
  C1 = C1 - 0.0074 * Math.sin(dr * (M - Mpr)) + 0.0004 * Math.sin(dr * (2 * F + M));
  C1 = C1 - 0.0004 * Math.sin(dr * (2 * F - M)) - 0.0006 * Math.sin(dr * (2 * F + Mpr));
  C1 = C1 + 0.001 * Math.sin(dr * (2 * F - Mpr)) + 0.0005 * Math.sin(dr * (2 * Mpr + M));
  let deltaT: number;
  if (T < -11) {
    deltaT = 0.001 + 0.000839 * T + 0.0002261 * T2 - 0.00000845 * T3 - 0.000000081 * T * T3;
  } else {
    deltaT = -0.000278 + 0.000265 * T + 0.000262 * T2;
  }
  return jd1 + C1 - deltaT;
}

/** Sun's apparent longitude in radians, normalised to [0, 2π), at Julian date jdn (UT). */
function sunLongitude(jdn: number): number {
  const T = (jdn - 2451545.0) / 36525; // Julian centuries from J2000.0
  const T2 = T * T;
  const dr = PI / 180;
  const M = 357.5291 + 35999.0503 * T - 0.0001559 * T2 - 0.00000048 * T * T2; // mean anomaly
  const L0 = 280.46645 + 36000.76983 * T + 0.0003032 * T2; // mean longitude
  let DL = (1.9146 - 0.004817 * T - 0.000014 * T2) * Math.sin(dr * M);
  DL = DL + (0.019993 - 0.000101 * T) * Math.sin(dr * 2 * M) + 0.00029 * Math.sin(dr * 3 * M);
  let L = (L0 + DL) * dr;
  L = L - PI * 2 * INT(L / (PI * 2));
  return L;
}

/**
 * Sector 0–11 of the sun's longitude (30° each) at local midnight starting day dayNumber.
 * Sector 9 contains the winter solstice (270°), which anchors lunar month 11.
 */
export function getSunLongitude(dayNumber: number, timeZone: number = VN_TIME_ZONE_HOURS): number {
  return INT((sunLongitude(dayNumber - 0.5 - timeZone / 24) / PI) * 6);
}

/** Julian day number (local) on which the k-th new moon falls. */
export function getNewMoonDay(k: number, timeZone: number = VN_TIME_ZONE_HOURS): number {
  return INT(newMoon(k) + 0.5 + timeZone / 24);
}

/** Julian day number of the first day of lunar month 11 (the month with the winter solstice) of year yy. */
export function getLunarMonth11(yy: number, timeZone: number = VN_TIME_ZONE_HOURS): number {
  const off = jdFromDate(31, 12, yy) - 2415021;
  const k = INT(off / SYNODIC_MONTH);
  let nm = getNewMoonDay(k, timeZone);
  const sunLong = getSunLongitude(nm, timeZone); // at local midnight
  if (sunLong >= 9) {
    nm = getNewMoonDay(k - 1, timeZone);
  }
  return nm;
}

/**
 * In a 13-month year starting at a11 (month 11), the offset (from month 11) of the leap month:
 * the first month during which the sun does not enter a new 30° sector (no major solar term).
 */
export function getLeapMonthOffset(a11: number, timeZone: number = VN_TIME_ZONE_HOURS): number {
  const k = INT((a11 - NEW_MOON_EPOCH) / SYNODIC_MONTH + 0.5);
  let last: number;
  let i = 1; // start with the month after month 11
  let arc = getSunLongitude(getNewMoonDay(k + i, timeZone), timeZone);
  do {
    last = arc;
    i++;
    arc = getSunLongitude(getNewMoonDay(k + i, timeZone), timeZone);
  } while (arc !== last && i < 14);
  return i - 1;
}

function solarToLunarJd(dayNumber: number, yy: number, timeZone: number): LunarDate {
  let k = INT((dayNumber - NEW_MOON_EPOCH) / SYNODIC_MONTH) + 1;
  let monthStart = getNewMoonDay(k, timeZone);
  // The original tries k+1 then k. When the true new moon falls minutes after local midnight
  // (e.g. 2054-05-08 00:00 UTC+7) new moon k can also be after the date, which gave "day 0";
  // step back until the month start is not after the date.
  while (monthStart > dayNumber) {
    k--;
    monthStart = getNewMoonDay(k, timeZone);
  }
  let a11 = getLunarMonth11(yy, timeZone);
  let b11 = a11;
  let lunarYear: number;
  if (a11 >= monthStart) {
    lunarYear = yy;
    a11 = getLunarMonth11(yy - 1, timeZone);
  } else {
    lunarYear = yy + 1;
    b11 = getLunarMonth11(yy + 1, timeZone);
  }
  const lunarDay = dayNumber - monthStart + 1;
  const diff = INT((monthStart - a11) / 29);
  let leap = false;
  let lunarMonth = diff + 11;
  if (b11 - a11 > 365) {
    const leapMonthDiff = getLeapMonthOffset(a11, timeZone);
    if (diff >= leapMonthDiff) {
      lunarMonth = diff + 10;
      if (diff === leapMonthDiff) leap = true;
    }
  }
  if (lunarMonth > 12) lunarMonth -= 12;
  if (lunarMonth >= 11 && diff < 4) lunarYear -= 1;
  return { day: lunarDay, month: lunarMonth, year: lunarYear, leap };
}

/** Converts a solar (Gregorian) date to the Vietnamese lunar date. */
export function solarToLunar(date: DateOnly, timeZone: number = VN_TIME_ZONE_HOURS): LunarDate {
  const { y, m, d } = dateOnlyParts(date);
  return solarToLunarJd(jdFromDate(d, m, y), y, timeZone);
}

/** Julian day number of the first day of the given lunar month, or null if that leap month does not exist. */
function lunarMonthStartJd(month: number, year: number, leap: boolean, timeZone: number): number | null {
  let a11: number;
  let b11: number;
  if (month < 11) {
    a11 = getLunarMonth11(year - 1, timeZone);
    b11 = getLunarMonth11(year, timeZone);
  } else {
    a11 = getLunarMonth11(year, timeZone);
    b11 = getLunarMonth11(year + 1, timeZone);
  }
  const k = INT(0.5 + (a11 - NEW_MOON_EPOCH) / SYNODIC_MONTH);
  let off = month - 11;
  if (off < 0) off += 12;
  if (b11 - a11 > 365) {
    const leapOff = getLeapMonthOffset(a11, timeZone);
    let leapMonth = leapOff - 2;
    if (leapMonth < 0) leapMonth += 12;
    if (leap && month !== leapMonth) return null;
    if (leap || off >= leapOff) off += 1;
  } else if (leap) {
    return null;
  }
  return getNewMoonDay(k + off, timeZone);
}

/**
 * Converts a Vietnamese lunar date to the solar date. Returns null when the date does not exist
 * (a leap month the year does not have, or day 30 of a 29-day month).
 */
export function lunarToSolar(lunar: LunarDate, timeZone: number = VN_TIME_ZONE_HOURS): DateOnly | null {
  const { day, month, year, leap } = lunar;
  if (!Number.isInteger(day) || !Number.isInteger(month) || !Number.isInteger(year)) return null;
  if (month < 1 || month > 12 || day < 1 || day > 30) return null;
  const start = lunarMonthStartJd(month, year, leap, timeZone);
  if (start === null) return null;
  const jd = start + day - 1;
  // Reject day 30 of a short month: it would already belong to the next month.
  const check = jdToDate(jd);
  const back = solarToLunarJd(jd, check.y, timeZone);
  if (back.day !== day || back.month !== month || back.leap !== leap) return null;
  return makeDateOnly(check.y, check.m, check.d);
}

/** Solar date of Tết Nguyên đán (1/1 lunar) of the given lunar year. */
export function lunarNewYear(year: number): DateOnly {
  const date = lunarToSolar({ day: 1, month: 1, year, leap: false });
  if (date === null) throw new RangeError(`cannot compute Tết for ${year}`);
  return date;
}

/** The leap month (1–12) of the given lunar year, or null if the year has 12 months. */
export function leapMonthOf(year: number, timeZone: number = VN_TIME_ZONE_HOURS): number | null {
  // The leap month lies between month 11 of year-1 and month 11 of year, or (for leap 11/12)
  // between month 11 of year and month 11 of year+1.
  for (const anchorYear of [year - 1, year]) {
    const a11 = getLunarMonth11(anchorYear, timeZone);
    const b11 = getLunarMonth11(anchorYear + 1, timeZone);
    if (b11 - a11 <= 365) continue;
    const leapOff = getLeapMonthOffset(a11, timeZone);
    let leapMonth = leapOff - 2;
    if (leapMonth < 0) leapMonth += 12;
    // months 11 and 12 after a11 belong to lunar year anchorYear; the rest to anchorYear + 1
    const belongsTo = leapMonth >= 11 ? anchorYear : anchorYear + 1;
    if (belongsTo === year) return leapMonth;
  }
  return null;
}
